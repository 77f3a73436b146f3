import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createOrm } from '../db/orm';
import type { PostgresEndpoint } from './temporal-server-config';

const execFileAsync = promisify(execFile);

/**
 * Where Temporal keeps its state in the cluster topology: the same PostgreSQL server and
 * role as the app (DATABASE_URL), in two databases of its own (executions, visibility).
 * Derived from the app's URL so the launcher and the integration test share one rule.
 */
export function temporalPersistenceFor(databaseUrl: string, mainDatabase: string) {
  const url = new URL(databaseUrl);
  const postgres: PostgresEndpoint = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  return { postgres, databases: { main: mainDatabase, visibility: `${mainDatabase}_visibility` } };
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates the databases that do not exist yet, through the app's connection (its role may CREATEDB). */
export async function ensureDatabases(databaseUrl: string, names: string[]): Promise<string[]> {
  const created: string[] = [];
  const orm = await createOrm(databaseUrl);
  try {
    const connection = orm.em.getConnection();
    for (const name of names) {
      if (!DATABASE_NAME.test(name)) throw new Error(`"${name}" is not a plain PostgreSQL database name`);
      const rows = await connection.execute('SELECT 1 FROM pg_database WHERE datname = ?', [name]);
      if (rows.length > 0) continue;
      await connection.execute(`CREATE DATABASE ${name}`);
      created.push(name);
    }
  } finally {
    await orm.close();
  }
  return created;
}

/**
 * Brings one Temporal database to the schema of the server binary, with Temporal's own
 * tool, as its docker auto-setup does: `setup-schema -v 0.0` (version tables only; a
 * no-op once they exist) then `update-schema` over the versioned directories embedded in
 * the tool (`--schema-name postgresql/v12/<store>`, the module's schema/postgresql/v12/
 * <store>/versioned), which applies only what is newer than the recorded version. So a
 * second start keeps the data and a newer server version upgrades the schema in place.
 */
export async function updateTemporalSchema(
  sqlTool: string,
  postgres: PostgresEndpoint,
  database: string,
  store: 'temporal' | 'visibility',
): Promise<void> {
  const connection = [
    '--plugin',
    'postgres12',
    '--endpoint',
    postgres.host,
    '--port',
    String(postgres.port),
    '--user',
    postgres.user,
    '--database',
    database,
  ];
  // The password goes through the environment, not the process list.
  const env = { ...process.env, SQL_PASSWORD: postgres.password };
  const run = async (args: string[]) => {
    try {
      await execFileAsync(sqlTool, [...connection, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const output = (error as { stderr?: string; stdout?: string }).stderr || String(error);
      throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed:\n${output.slice(-2000)}`);
    }
  };
  await run(['setup-schema', '-v', '0.0']);
  await run(['update-schema', '--schema-name', `postgresql/v12/${store}`]);
}

/**
 * Refuses a history shard count other than the one the database was made with, before
 * the server starts: Temporal cannot reshard, and its own refusal is a line deep in its
 * log. Temporal creates one `shards` row per shard at its first start.
 */
export async function assertShardCount(databaseUrl: string, database: string, configured: number): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  const orm = await createOrm(url.toString());
  try {
    const [row] = await orm.em
      .getConnection()
      .execute<Array<{ shards: string }>>('SELECT count(*) AS shards FROM shards');
    const existing = Number(row?.shards ?? 0);
    if (existing > 0 && existing !== configured)
      throw new Error(
        `database ${database} was made with ${existing} history shards, not ${configured}: Temporal cannot change ` +
          `the count of an existing cluster. Set TEMPORAL_HISTORY_SHARDS=${existing}, or use a new ` +
          'TEMPORAL_PERSISTENCE_DATABASE for a new count.',
      );
  } finally {
    await orm.close();
  }
}
