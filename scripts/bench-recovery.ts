/**
 * `npm run bench:recovery [-- --orders 1000000 --audit 100000]`: the figures of
 * T/QGCML 3125 §8.2.3 / §8.4 on generated data, on a throw-away cluster (never the
 * developer's): backup duration and size per type, each drill's RTO per phase,
 * completeness, and a raw `pgbackrest restore` + start measured the same way, so the
 * orchestration's overhead is a ratio. Not a test: it prints figures and writes them to
 * var/bench/. Stops and removes its cluster, Temporal server and standbys at the end.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDrillActivities } from '../activities/ops/backup/drill-activities';
import { createDrillRecordActivities } from '../activities/ops/backup/drill-record-activities';
import { listRepoBackups } from '../activities/ops/backup/info';
import { pgbackrest } from '../activities/ops/backup/pgbackrest';
import { ensureStanza } from '../activities/ops/backup/stanza';
import { restoreStandby, standbyCluster, startStandby, tearDownStandby } from '../activities/ops/backup/standby';
import { verifyRepo } from '../activities/ops/backup/verify';
import { varDir } from '../config/paths';
import { BackupRun } from '../db/entities/backup-run.entity';
import { RecoveryDrill } from '../db/entities/recovery-drill.entity';
import { createOrm, migrateUp } from '../db/orm';
import type { DrillReport } from '../domain/recovery-drill-report';
import { formatDrillReport } from '../domain/recovery-drill-report';
import { createThrowAwayBackupCluster } from '../platform/backup-cluster';
import { RECOVERY_DRILL_WORKFLOW } from '../workflows/ops/recovery-drill.definitions';
import { orderHistorySql } from './bench/order-history';
import { writeAuditEventsFile } from './lib/bench-audit-events';
import { startTemporalDevServer } from '../platform/temporal-dev-server';
import { ensureToolchain } from '../platform/toolchain';

const { values } = parseArgs({
  options: { orders: { type: 'string', default: '1000000' }, audit: { type: 'string', default: '100000' } },
});
const ORDERS = Number(values.orders);
const AUDIT_EVENTS = Number(values.audit);
const log = (message: string) => console.log(`[bench] ${message}`);
const seconds = (from: number) => Math.round((performance.now() - from) / 100) / 10;

async function timed<T>(label: string, work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  const took = seconds(started);
  log(`${label}: ${took} s`);
  return [result, took];
}

async function main(): Promise<void> {
  const figures: Record<string, unknown> = { orders: ORDERS, auditEvents: AUDIT_EVENTS, machine: '2 cores, 24 GiB' };
  const cluster = await createThrowAwayBackupCluster('bench');
  const temporalPort = cluster.target.cluster.port + 1;
  let temporal: Awaited<ReturnType<typeof startTemporalDevServer>> | undefined;
  const orm = await createOrm(cluster.databaseUrl);
  try {
    await migrateUp(orm);
    const [, generate] = await timed(`generate ${ORDERS} orders, items, payments`, () =>
      cluster.sql(orderHistorySql({ orders: ORDERS })),
    );
    cluster.sql('VACUUM ANALYZE');
    const auditFile = path.join(path.dirname(cluster.target.workDir), 'audit-events.tsv');
    await timed(`generate ${AUDIT_EVENTS} chained audit events`, async () => {
      writeAuditEventsFile(auditFile, AUDIT_EVENTS);
      cluster.sql(
        `COPY audit_event (id, seq, occurred_at, actor_sub, actor_role, action, entity, entity_id, outcome, ip, request_id, details, prev_hash, hash) FROM '${auditFile}'`,
      );
    });
    figures.generateSeconds = generate;
    figures.databaseSize = cluster.sql("SELECT pg_size_pretty(pg_database_size('storeops'))");
    log(`database size ${String(figures.databaseSize)}`);

    await timed('stanza-create + check', () => ensureStanza(cluster.target));
    const backups: Array<Record<string, unknown>> = [];
    const backup = async (type: 'full' | 'diff' | 'incr', repo: 1 | 2, before?: string) => {
      if (before) cluster.sql(before);
      const [, took] = await timed(`backup ${type} repo${repo}`, () =>
        pgbackrest(cluster.target, 'backup', [`--type=${type}`, `--repo=${repo}`]),
      );
      const info = (await listRepoBackups(cluster.target, repo)).at(-1)!;
      const [verify, verifyTook] = await timed(`verify repo${repo}`, () => verifyRepo(cluster.target, repo));
      const run = new BackupRun({ workflowId: `bench:${type}:${repo}:${info.label}`, type, repo, status: 'succeeded' });
      Object.assign(run, {
        label: info.label,
        stoppedAt: new Date(info.stoppedAt),
        verified: verify.ok,
        verifyResult: verify.summary,
      });
      await orm.em.fork().persist(run).flush();
      backups.push({
        type,
        repo,
        seconds: took,
        verifySeconds: verifyTook,
        sizeMB: Math.round(info.sizeBytes / 1e5) / 10,
        repoMB: Math.round(info.repoSizeBytes / 1e5) / 10,
        label: info.label,
      });
    };
    await backup('full', 1);
    await backup(
      'diff',
      1,
      "UPDATE customer_order SET status = 'cancelled', cancel_reason = 'merchant_rejected' WHERE random() < 0.01",
    );
    await backup('incr', 1, "UPDATE payment SET status = 'refunded' WHERE random() < 0.001");
    await backup('full', 2);
    figures.backups = backups;

    // Drills through the real workflow on a Temporal dev server of the bench's own.
    const toolchain = ensureToolchain();
    temporal = await startTemporalDevServer({
      cli: toolchain.temporalCli,
      port: temporalPort,
      namespace: 'default',
      logFile: path.join(cluster.target.workDir, 'temporal.log'),
    });
    const address = `127.0.0.1:${temporalPort}`;
    const worker = await Worker.create({
      connection: await NativeConnection.connect({ address }),
      taskQueue: 'ops',
      workflowsPath: require.resolve('../workflows'),
      activities: {
        ...createDrillActivities({ orm, target: cluster.target }),
        ...createDrillRecordActivities({ orm }),
        sendTemplatedMail: async () => ({}),
      },
    });
    const client = new Client({ connection: await Connection.connect({ address }) });
    const drills: Record<string, unknown> = {};
    await worker.runUntil(async () => {
      for (const scenario of ['general', 'severe'] as const) {
        const id = randomUUID();
        await orm.em
          .fork()
          .persist(
            new RecoveryDrill({ id, workflowId: `drill:${id}`, scenario, startedBy: 'bench', keepStandby: false }),
          )
          .flush();
        await timed(`drill ${scenario}`, () =>
          client.workflow.execute(RECOVERY_DRILL_WORKFLOW, {
            workflowId: `drill:${id}`,
            taskQueue: 'ops',
            args: [{ drillId: id, scenario, keepStandby: false, startedBy: 'bench' }],
          }),
        );
        const report = (await orm.em.fork().findOneOrFail(RecoveryDrill, { id })).report as unknown as DrillReport;
        console.log(formatDrillReport(report).body.split('\ntables')[0]);
        drills[scenario] = {
          status: report.status,
          rtoSeconds: report.rtoSeconds,
          rpoSeconds: report.rpoSeconds,
          completeness: report.completeness?.ratio,
          phases: report.phases.map((p) => [p.phase, p.seconds]),
          failureReason: report.failureReason,
        };
      }
    });
    figures.drills = drills;

    // The same restore and start, by hand: no fingerprint, no Temporal, no verification.
    const newest = (await listRepoBackups(cluster.target, 1)).at(-1)!;
    const raw = standbyCluster(cluster.target, path.join(cluster.target.workDir, 'drills', 'raw'), temporalPort + 2);
    const [, restoreTook] = await timed('raw pgbackrest restore', () =>
      restoreStandby(cluster.target, raw, { repo: 1, set: newest.label, recovery: { kind: 'latest' } }),
    );
    const [, startTook] = await timed('raw start until out of recovery', () =>
      startStandby(raw, { deadline: Date.now() + 3600_000 }),
    );
    await tearDownStandby(raw);
    const rawTotal = restoreTook + startTook;
    const general = drills.general as { rtoSeconds?: number };
    figures.raw = {
      restoreSeconds: restoreTook,
      startSeconds: startTook,
      totalSeconds: rawTotal,
      drillRtoOverRaw: general.rtoSeconds ? Math.round((general.rtoSeconds / rawTotal) * 100) / 100 : null,
    };
    log(JSON.stringify(figures, null, 2));
    mkdirSync(path.join(varDir, 'bench'), { recursive: true });
    writeFileSync(path.join(varDir, 'bench', `recovery-${Date.now()}.json`), JSON.stringify(figures, null, 2));
  } finally {
    await orm.close();
    temporal?.kill('SIGTERM');
    cluster.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  },
);
