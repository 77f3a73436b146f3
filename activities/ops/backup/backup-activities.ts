import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { BackupRun, type BackupType } from '../../../db/entities/backup-run.entity';
import { BACKUP_FAILED } from '../../../workflows/ops/backup.definitions';
import { listRepoBackups, type BackupInfo } from './info';
import { pgbackrest, PgBackRestError } from './pgbackrest';
import { ensureStanza } from './stanza';
import type { BackupTarget, RepoNumber } from '../../../platform/backup-target';
import { verifyRepo } from './verify';

/** pgBackRest's message as the failure: retryable only while another process holds the lock. */
export function asFailure(error: unknown): unknown {
  if (!(error instanceof PgBackRestError)) return error;
  const message = `pgbackrest ${error.command}: ${error.message}`;
  return error.transient
    ? ApplicationFailure.retryable(message, BACKUP_FAILED)
    : ApplicationFailure.nonRetryable(message, BACKUP_FAILED);
}

async function wrapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asFailure(error);
  }
}

export interface RecordBackupInput {
  workflowId: string;
  type: BackupType;
  repo: RepoNumber;
  backup?: BackupInfo;
  verified?: boolean;
  verifyResult?: string;
  error?: string;
}

/** Backups with pgBackRest (T/QGCML 3125 §8.4): online, full/diff/incr, two repositories, checksums. */
export function createBackupActivities({ orm, target }: { orm: MikroORM; target: BackupTarget }) {
  const tick = () => heartbeat();
  return {
    /** Config, stanza, archive_command and `check`, idempotently. */
    async prepareBackupStanza(): Promise<void> {
      await wrapped(() => ensureStanza(target, tick));
    },

    /** `pgbackrest backup --type --repo`, heartbeating while it copies; returns the new set. */
    async runBackup(input: { type: BackupType; repo: RepoNumber }): Promise<BackupInfo> {
      return wrapped(async () => {
        const before = new Set((await listRepoBackups(target, input.repo)).map((backup) => backup.label));
        await pgbackrest(target, 'backup', [`--type=${input.type}`, `--repo=${input.repo}`], { onTick: tick });
        const created = (await listRepoBackups(target, input.repo)).filter((backup) => !before.has(backup.label));
        const newest = created.at(-1);
        if (!newest)
          throw ApplicationFailure.nonRetryable('pgbackrest backup ended but no new set is listed', BACKUP_FAILED);
        return newest;
      });
    },

    async verifyBackupRepo(input: { repo: RepoNumber }): Promise<{ ok: boolean; summary: string }> {
      return wrapped(() => verifyRepo(target, input.repo, tick));
    },

    /** One row per workflow (idempotent on its id): the set, or the error, and the verification. */
    async recordBackupRun(input: RecordBackupInput): Promise<void> {
      const em = orm.em.fork();
      const runs = em.getRepository(BackupRun);
      const run =
        (await runs.findOne({ workflowId: input.workflowId })) ??
        new BackupRun({
          workflowId: input.workflowId,
          type: input.type,
          repo: input.repo,
          status: input.error ? 'failed' : 'succeeded',
        });
      run.status = input.error ? 'failed' : 'succeeded';
      run.error = input.error ?? null;
      if (input.backup) {
        run.label = input.backup.label;
        run.startedAt = new Date(input.backup.startedAt);
        run.stoppedAt = new Date(input.backup.stoppedAt);
        run.sizeBytes = String(input.backup.sizeBytes);
        run.repoSizeBytes = String(input.backup.repoSizeBytes);
        run.walStart = input.backup.walStart;
        run.walStop = input.backup.walStop;
      }
      run.verified = input.verified ?? null;
      run.verifyResult = input.verifyResult ?? null;
      em.persist(run);
      await em.flush();
    },
  };
}

export type BackupActivities = ReturnType<typeof createBackupActivities>;
