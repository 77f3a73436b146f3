import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { BackupActivities } from '../../activities/ops/backup/backup-activities';
import { BACKUP_FAILED, type BackupInput, type BackupResult } from './backup.definitions';
import { labelActivities, showBusinessAttributes } from '../shared/visibility';

// pgBackRest does the work; a heartbeat every few seconds proves it is still copying.
const pgbackrestWork = {
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 3, initialInterval: '30 seconds' },
} as const;
const bookkeeping = { startToCloseTimeout: '1 minute', retry: { maximumAttempts: 5 } } as const;

const labels: { [K in keyof BackupActivities]?: string } = {
  prepareBackupStanza: 'prepare the pgBackRest stanza',
  runBackup: 'pgbackrest backup',
  verifyBackupRepo: 'pgbackrest verify (checksums, §8.4)',
  recordBackupRun: 'record the backup run',
};
const work = labelActivities(proxyActivities<BackupActivities>(pgbackrestWork), labels);
const book = labelActivities(proxyActivities<BackupActivities>(bookkeeping), labels);

/**
 * One backup (T/QGCML 3125 §8.4): stanza ready → `pgbackrest backup` → `verify`
 * (checksums) → recorded in backup_run. pgBackRest's own error ends the run, recorded,
 * as a non-retryable failure with that message.
 */
export async function backupWorkflow(input: BackupInput): Promise<BackupResult> {
  const { workflowId } = workflowInfo();
  try {
    await work.prepareBackupStanza();
    const backup = await work.runBackup({ type: input.type, repo: input.repo });
    const verification = await work.verifyBackupRepo({ repo: input.repo });
    await book.recordBackupRun({
      workflowId,
      type: input.type,
      repo: input.repo,
      backup,
      verified: verification.ok,
      verifyResult: verification.summary,
    });
    showBusinessAttributes({ businessStatus: verification.ok ? 'succeeded' : 'failed' });
    if (!verification.ok)
      throw ApplicationFailure.nonRetryable(`pgbackrest verify: ${verification.summary}`, BACKUP_FAILED);
    return {
      workflowId,
      label: backup.label,
      type: input.type,
      repo: input.repo,
      verified: true,
      verifyResult: verification.summary,
    };
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const message = error.cause?.message ?? error.message;
    await book.recordBackupRun({ workflowId, type: input.type, repo: input.repo, error: message });
    showBusinessAttributes({ businessStatus: 'failed' });
    throw ApplicationFailure.nonRetryable(message, BACKUP_FAILED);
  }
}
