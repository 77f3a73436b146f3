import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { superuserPsqlArgs, type LocalCluster } from '../../../platform/postgres-cluster';
import { ownedDir, runAs } from '../../../platform/os-user';

/** Ops bookkeeping that changes while a drill runs; everything else is business data. */
export const FINGERPRINT_EXCLUDED_TABLES = ['mikro_orm_migrations', 'backup_run', 'recovery_drill'];

export interface TableFingerprint {
  table: string;
  rows: number;
  /** sha256 over "key<TAB>md5(row)" lines in key order: equal digests, equal tables. */
  digest: string;
  /** The file of those lines, for the row-by-row comparison when digests differ. */
  file: string;
}

export interface Fingerprint {
  takenAt: string;
  /** The restore point created in the same snapshot (general drills). */
  restorePoint?: string;
  tables: TableFingerprint[];
}

const TABLES_SQL = `
SELECT n.nspname || '.' || c.relname,
       coalesce((SELECT string_agg(quote_ident(a.attname), ',' ORDER BY array_position(i.indkey::int2[], a.attnum))
                   FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                  WHERE i.indrelid = c.oid AND i.indisprimary), '')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
 ORDER BY 1`;

function psqlArgs(cluster: LocalCluster, database: string): string[] {
  return superuserPsqlArgs(cluster, database, ['--field-separator=|']);
}

const quoted = (qualified: string) =>
  qualified
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');

/**
 * The business data's fingerprint (T/QGCML 3125 §8.2.3, completeness measured, not
 * assumed): per table, row count and a hash over primary keys and row contents, all
 * tables in one REPEATABLE READ snapshot. With `restorePoint`, `pg_create_restore_point`
 * is the snapshot's first statement, so recovery to that name lands on this state.
 * The per-row lines go to files in `outDir` (COPY, streamed by psql), not into memory.
 */
export async function takeFingerprint(
  cluster: LocalCluster,
  database: string,
  outDir: string,
  options: { restorePoint?: string; onTick?: () => void } = {},
): Promise<Fingerprint> {
  ownedDir(cluster, outDir);
  const psql = path.join(cluster.pgBinDir, 'psql');
  const listed = await runAs(cluster, psql, [...psqlArgs(cluster, database), '--command', TABLES_SQL]);
  if (listed.code !== 0) throw new Error(`cannot list tables: ${listed.stderr.trim()}`);
  const tables = listed.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [table = '', keys = ''] = line.split('|');
      return { table, keys };
    })
    .filter(({ table }) => !FINGERPRINT_EXCLUDED_TABLES.includes(table.split('.').pop() ?? ''));

  const script = ['BEGIN ISOLATION LEVEL REPEATABLE READ;', "SET LOCAL TimeZone = 'UTC';"];
  if (options.restorePoint)
    script.push(`SELECT pg_create_restore_point('${options.restorePoint.replaceAll("'", "''")}');`);
  else script.push('SELECT 1;');
  tables.forEach(({ table, keys }, index) => {
    const key = !keys ? 'md5(t::text)' : keys.includes(',') ? `ROW(${keys})::text` : `t.${keys}::text`;
    script.push(
      `\\o ${path.join(outDir, `${index}.rows`)}`,
      `COPY (SELECT ${key}, md5(t::text) FROM ${quoted(table)} t ORDER BY (${key}) COLLATE "C") TO STDOUT;`,
    );
  });
  script.push('\\o', 'COMMIT;', '');
  const scriptFile = path.join(outDir, 'fingerprint.sql');
  writeFileSync(scriptFile, script.join('\n'), { mode: 0o644 });
  const takenAt = new Date().toISOString();
  const run = await runAs(cluster, psql, [...psqlArgs(cluster, database), '--file', scriptFile], {
    onTick: options.onTick,
  });
  if (run.code !== 0) throw new Error(`fingerprint failed: ${run.stderr.trim()}`);

  return {
    takenAt,
    ...(options.restorePoint ? { restorePoint: options.restorePoint } : {}),
    tables: tables.map(({ table }, index) => {
      const file = path.join(outDir, `${index}.rows`);
      const text = readFileSync(file);
      const rows = text.length === 0 ? 0 : text.toString('utf8').split('\n').length - 1;
      return { table, rows, digest: createHash('sha256').update(text).digest('hex'), file };
    }),
  };
}
