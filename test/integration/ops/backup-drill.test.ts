import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appendAuditEvent } from '../../../db/audit-trail';
import { createOrm, migrateUp } from '../../../db/orm';
import type { backupAllReposWorkflow } from '../../../workflows/ops/backup-all-repos';
import { searchAttributes } from '../../../workflows/shared/search-attributes';
import { TASK_QUEUES } from '../../../workflows/shared/task-queues';
import { ensureInitialBackup } from '../../../workers/initial-backup';
import {
  BACKUP_TARGET_ENV,
  createThrowAwayBackupCluster,
  type ThrowAwayBackupCluster,
} from '../../helpers/backup-cluster';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

jest.setTimeout(240_000);

// Backups and drills run on a cluster of their own (var/test/drill-<pid>), never the
// developer's or the shared test cluster: its primary, stanza and both repositories.
describe('backups and recovery drills on a throw-away cluster (T/QGCML 3125 §8.2.3, §8.4)', () => {
  let cluster: ThrowAwayBackupCluster;
  let stack: TestStack;
  const ops = () => bearer(stack.config, 'ops');

  beforeAll(async () => {
    cluster = await createThrowAwayBackupCluster('drill');
    const orm = await createOrm(cluster.databaseUrl);
    await migrateUp(orm);
    for (let i = 0; i < 5; i += 1)
      await appendAuditEvent(orm.em.fork(), {
        actor: { sub: 'test', role: 'ops' },
        action: 'test.seed',
        entity: 'seed',
        entityId: String(i),
        outcome: 'success',
      });
    await orm.close();
    // A business table of 2 000 rows, owned by the app role like the others.
    cluster.sql(
      'CREATE TABLE ledger_line (id int PRIMARY KEY, amount numeric, note text); ' +
        "INSERT INTO ledger_line SELECT g, g * 1.5, 'line ' || g FROM generate_series(1, 2000) g",
    );
    process.env.DATABASE_URL = cluster.databaseUrl;
    process.env[BACKUP_TARGET_ENV] = cluster.targetFile;
    stack = await startTestStack({ workers: [TASK_QUEUES.ops] });
  });

  afterAll(async () => {
    await stack?.close();
    cluster?.destroy();
  });

  /** Only `{ type }`: every repository, local then off-site. */
  async function backupNow(type: 'full' | 'incr') {
    const response = await stack.app.inject({ method: 'POST', url: '/ops/backups', headers: ops(), payload: { type } });
    expect(response.statusCode).toBe(202);
    const { workflowId } = response.json<{ workflowId: string }>();
    expect(workflowId).toMatch(new RegExp(`^backup:${type}:all:`));
    const handle = stack.temporal.workflow.getHandle<typeof backupAllReposWorkflow>(workflowId);
    return { result: await handle.result(), described: await handle.describe() };
  }

  /** The BusinessStatus the Temporal UI filters by, once the run has ended (the report is stored just before). */
  async function businessStatusOf(workflowId: string) {
    const handle = stack.temporal.workflow.getHandle(workflowId);
    await handle.result().catch(() => undefined);
    return (await handle.describe()).typedSearchAttributes.get(searchAttributes.businessStatus);
  }

  async function drill(scenario: 'general' | 'severe') {
    const started = await stack.app.inject({
      method: 'POST',
      url: '/ops/recovery-drills',
      headers: ops(),
      payload: { scenario },
    });
    expect(started.statusCode).toBe(202);
    const { id } = started.json<{ id: string }>();
    const percents = new Set<number>();
    for (;;) {
      const response = await stack.app.inject({ method: 'GET', url: `/ops/recovery-drills/${id}`, headers: ops() });
      const body = response.json();
      percents.add(body.percent);
      if (body.status !== 'running') return { ...body, percents: [...percents] };
      await new Promise((resolve) => setTimeout(resolve, 200)); // polling a real process, not a timer under test
    }
  }

  it('§8.4: the first start on an empty repository takes a full backup of both, once', async () => {
    const initial = await ensureInitialBackup(stack.temporal, stack.orm);
    expect(initial).toBe('backup:full:all:initial');
    const result = await stack.temporal.workflow.getHandle<typeof backupAllReposWorkflow>(initial as string).result();
    expect(result.backups.map((backup) => [backup.repo, backup.verified])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(await businessStatusOf(initial as string)).toBe('succeeded');
    expect(await businessStatusOf(result.backups[0]!.workflowId)).toBe('succeeded');
    expect(await ensureInitialBackup(stack.temporal, stack.orm)).toBeUndefined();
  });

  it('§8.4: `{ "type": "full" }` backs up to each repository, verifies it by checksum and lists it', async () => {
    const { result, described } = await backupNow('full');
    expect(result.failures).toEqual([]);
    expect(result.backups.map((backup) => backup.repo)).toEqual([1, 2]);
    expect(described.typedSearchAttributes.get(searchAttributes.businessStatus)).toBe('succeeded');
    expect(await described.staticSummary()).toContain('full backup to repo1, then repo2');
    const list = await stack.app.inject({ method: 'GET', url: '/ops/backups', headers: ops() });
    const items = list.json().items as Array<Record<string, unknown>>;
    expect(items.map((item) => item.repo).sort()).toEqual([1, 1, 2, 2]);
    for (const item of items) {
      expect(item).toMatchObject({ type: 'full', status: 'succeeded', verified: true });
      expect(item.label).toMatch(/F$/);
      expect(item.walStart).toMatch(/^[0-9A-F]{24}$/);
      expect(Number(item.sizeBytes)).toBeGreaterThan(0);
    }
  });

  it('§8.2.3 general: restores repo1 to T0 on a standby, 100 % complete, audit chain intact, RTO reported', async () => {
    cluster.sql("INSERT INTO ledger_line VALUES (2001, 1, 'after the backup, before T0')");
    const result = await drill('general');
    expect(result.failureReason).toBeNull();
    expect(result.status).toBe('passed');
    expect(await businessStatusOf(result.workflowId)).toBe('passed');
    expect(result.completeness).toBe(1);
    expect(result.rtoSeconds).toBeGreaterThan(0);
    expect(result.rtoSeconds).toBeLessThan(3600);
    expect(result.percents.length).toBeGreaterThan(1);
    const report = result.report;
    expect(report.backup.repo).toBe(1);
    expect(report.auditChain.intact).toBe(true);
    expect(report.phases.map((phase: { phase: string }) => phase.phase)).toEqual([
      'declare',
      'restore',
      'recover',
      'verify',
    ]);
    const ledger = report.completeness.tables.find((table: { table: string }) => table.table === 'public.ledger_line');
    expect(ledger).toMatchObject({ expectedRows: 2001, restoredRows: 2001, matchingRows: 2001 });
    expect(report.completeness.tables.map((table: { table: string }) => table.table)).toContain('public.audit_event');
    expect(report.completeness.tables.map((table: { table: string }) => table.table)).not.toContain(
      'public.recovery_drill',
    );
  });

  it('§8.2.3 severe: restores from repo2 only, with archived WAL, and reports the RPO', async () => {
    cluster.sql("INSERT INTO ledger_line VALUES (2002, 2, 'after the repo2 backup')");
    cluster.sql('SELECT pg_switch_wal()');
    const result = await drill('severe');
    expect(result.status).toBe('passed');
    expect(result.report.backup.repo).toBe(2);
    // Rows after the repo2 backup came back from repo2's archived WAL…
    const ledger = result.report.completeness.tables.find(
      (table: { table: string }) => table.table === 'public.ledger_line',
    );
    expect(ledger).toMatchObject({ expectedRows: 2002, matchingRows: 2002 });
    // …and what committed after the last archived segment (the drill's own start audit
    // event) is measured as lost: RPO reported, completeness still above 98 %.
    expect(typeof result.report.rpoSeconds).toBe('number');
    expect(result.report.rpoSeconds).toBeGreaterThanOrEqual(0);
    expect(result.completeness).toBeGreaterThan(0.98);
    const list = await stack.app.inject({ method: 'GET', url: '/ops/recovery-drills', headers: ops() });
    expect(list.json().items.length).toBe(2);
  });

  it('§8.2.3: a corrupted file in repo1 makes the drill fail with the reason, never a pass', async () => {
    const backupDir = path.join(cluster.target.repos[1].path, 'backup', cluster.target.stanza);
    const newest = readdirSync(backupDir)
      .filter((name) => /F$/.test(name))
      .sort()
      .at(-1) as string;
    const files = execFileSync('find', [path.join(backupDir, newest, 'pg_data'), '-name', '*.lz4', '-size', '+8k'], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    const victim = files.sort((a, b) => statSync(b).size - statSync(a).size)[0] as string;
    writeFileSync(victim, Buffer.alloc(statSync(victim).size, 0x5a));
    const result = await drill('general');
    expect(result.status).toBe('failed');
    // Staff find it with BusinessStatus="failed", not as a green "Completed" run.
    expect(await businessStatusOf(result.workflowId)).toBe('failed');
    expect(result.failureReason).toMatch(/restore from repo1 failed: pgbackrest restore: .*(checksum|lz4|format)/i);
    expect(result.report.completeness).toBeUndefined();
  });
});
