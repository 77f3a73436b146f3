import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { verifyAuditChain } from '../../../db/audit-verify';
import { BackupRun } from '../../../db/entities/backup-run.entity';
import { createOrm } from '../../../db/orm';
import { superuserSql } from '../../../platform/postgres-cluster';
import type { DrillScenario } from '../../../domain/recovery-drill';
import type { Completeness } from '../../../domain/recovery-drill-report';
import { DRILL_CANNOT_RUN } from '../../../workflows/ops/recovery-drill.definitions';
import { compareFingerprints } from './compare';
import { takeFingerprint, type Fingerprint } from './fingerprint';
import { listRepoBackups } from './info';
import { PgBackRestError } from './pgbackrest';
import { restoreStandby, standbyCluster, standbySql, startStandby, tearDownStandby } from './standby';
import { drillDirOf, type BackupTarget, type RepoNumber } from '../../../platform/backup-target';
import { freePort } from '../../../platform/free-port';

export interface DrillBackup {
  repo: RepoNumber;
  label: string;
}

export interface PhaseTiming {
  startedAt: string;
  finishedAt: string;
}

/** Reasons a drill cannot succeed end it at once, with the reason as the failure's message. */
const cannotRun = (reason: string) => ApplicationFailure.nonRetryable(reason, DRILL_CANNOT_RUN);
const describe = (error: unknown) =>
  error instanceof PgBackRestError ? `pgbackrest ${error.command}: ${error.message}` : (error as Error).message;

/**
 * The activities of a disaster-recovery drill (T/QGCML 3125 §8.2.3) on one target: the
 * primary is only read (a fingerprint, a restore point, a WAL switch); everything else
 * happens on a standby under the drill's own directory, port and socket.
 */
export function createDrillActivities({ orm, target }: { orm: MikroORM; target: BackupTarget }) {
  const tick = () => heartbeat();
  const dirOf = (drillId: string) => drillDirOf(target, drillId);
  const standbyOf = (drillId: string, port: number) =>
    standbyCluster(target, path.join(dirOf(drillId), 'standby'), port);
  const fingerprintFile = (drillId: string) => path.join(dirOf(drillId), 't0', 'fingerprint.json');

  return {
    /** general: newest verified set in repo1; severe: in repo2 only (repo1 counts as lost). */
    async chooseDrillBackup(input: { scenario: DrillScenario }): Promise<DrillBackup> {
      const repo: RepoNumber = input.scenario === 'general' ? 1 : 2;
      const run = await orm.em.fork().getRepository(BackupRun).findNewestVerified(repo);
      if (!run?.label) throw cannotRun(`no verified backup in repo${repo} yet: take one (POST /ops/backups) first`);
      const inRepo = await listRepoBackups(target, repo).catch((error: unknown) => {
        throw cannotRun(`repo${repo} is unreadable: ${describe(error)}`);
      });
      if (!inRepo.some((backup) => backup.label === run.label))
        throw cannotRun(`backup ${run.label} is no longer in repo${repo} (expired or removed)`);
      return { repo, label: run.label };
    },

    /**
     * T0: the business data's fingerprint in one snapshot; for a general drill, a restore
     * point in that snapshot and a WAL switch, waiting until the segment is archived.
     */
    async declareDisaster(input: {
      drillId: string;
      scenario: DrillScenario;
    }): Promise<PhaseTiming & { t0: string; restorePoint?: string; tables: Array<{ table: string; rows: number }> }> {
      const startedAt = new Date().toISOString();
      const restorePoint = input.scenario === 'general' ? `drill-${input.drillId}` : undefined;
      const fingerprint = await takeFingerprint(
        target.cluster,
        target.database,
        path.dirname(fingerprintFile(input.drillId)),
        {
          restorePoint,
          onTick: tick,
        },
      );
      writeFileSync(fingerprintFile(input.drillId), JSON.stringify(fingerprint));
      if (restorePoint) {
        const segment = superuserSql(target.cluster, 'SELECT pg_walfile_name(pg_switch_wal())');
        const deadline = Date.now() + 5 * 60_000;
        for (;;) {
          tick();
          const archived = superuserSql(target.cluster, "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver");
          if (archived >= segment) break;
          if (Date.now() > deadline) throw cannotRun(`WAL segment ${segment} was not archived within 5 minutes`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      return {
        startedAt,
        finishedAt: new Date().toISOString(),
        t0: fingerprint.takenAt,
        ...(restorePoint ? { restorePoint } : {}),
        tables: fingerprint.tables.map(({ table, rows }) => ({ table, rows })),
      };
    },

    /** `pgbackrest restore` of the chosen set into the standby; returns its port. */
    async restoreDrillStandby(input: {
      drillId: string;
      backup: DrillBackup;
      restorePoint?: string;
    }): Promise<PhaseTiming & { port: number; dataDir: string }> {
      const startedAt = new Date().toISOString();
      const standby = standbyOf(input.drillId, await freePort());
      try {
        await restoreStandby(target, standby, {
          repo: input.backup.repo,
          set: input.backup.label,
          recovery: input.restorePoint ? { kind: 'name', name: input.restorePoint } : { kind: 'latest' },
          onTick: tick,
        });
      } catch (error) {
        throw cannotRun(`restore from repo${input.backup.repo} failed: ${describe(error)}`);
      }
      return { startedAt, finishedAt: new Date().toISOString(), port: standby.port, dataDir: standby.dataDir };
    },

    /** Starts the standby and waits until it has replayed WAL and left recovery, by `deadline`. */
    async recoverDrillStandby(input: {
      drillId: string;
      port: number;
      deadline: string;
    }): Promise<PhaseTiming & { lastReplayedCommitAt: string | null }> {
      const startedAt = new Date().toISOString();
      const standby = standbyOf(input.drillId, input.port);
      try {
        await startStandby(standby, { deadline: Date.parse(input.deadline), onTick: tick });
      } catch (error) {
        throw cannotRun(describe(error));
      }
      const replayed = await standbySql(standby, "SELECT coalesce(pg_last_xact_replay_timestamp()::text, '')");
      return {
        startedAt,
        finishedAt: new Date().toISOString(),
        lastReplayedCommitAt: replayed ? new Date(replayed).toISOString() : null,
      };
    },

    /** The same fingerprint on the standby, compared with T0's; the audit chain re-verified there. */
    async verifyDrillStandby(input: { drillId: string; port: number }): Promise<
      PhaseTiming & {
        completeness: Completeness;
        auditChain: { intact: boolean; eventsChecked: number; reason?: string };
      }
    > {
      const startedAt = new Date().toISOString();
      const standby = standbyOf(input.drillId, input.port);
      const expected = JSON.parse(readFileSync(fingerprintFile(input.drillId), 'utf8')) as Fingerprint;
      const restored = await takeFingerprint(standby, target.database, path.join(dirOf(input.drillId), 'restored'), {
        onTick: tick,
      });
      const completeness = compareFingerprints(expected, restored);
      const url = new URL(target.databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(input.port);
      const standbyOrm = await createOrm(url.toString());
      try {
        const chain = await verifyAuditChain(standbyOrm.em.fork());
        return {
          startedAt,
          finishedAt: new Date().toISOString(),
          completeness,
          auditChain: {
            intact: chain.intact,
            eventsChecked: chain.eventsChecked,
            ...(chain.reason ? { reason: chain.reason } : {}),
          },
        };
      } finally {
        await standbyOrm.close();
      }
    },

    /** Stops and removes the standby and the drill's files (unless kept for inspection). */
    async tearDownDrillStandby(input: { drillId: string; port?: number }): Promise<void> {
      await tearDownStandby(standbyOf(input.drillId, input.port ?? 0));
      rmSync(dirOf(input.drillId), { recursive: true, force: true });
    },
  };
}

export type DrillActivities = ReturnType<typeof createDrillActivities>;
