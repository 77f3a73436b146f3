import { ApplicationFailure, executeChild, workflowInfo } from '@temporalio/workflow';
import {
  BACKUP_FAILED,
  BACKUP_REPOS,
  BACKUP_WORKFLOW,
  backupStartMetadata,
  backupWorkflowId,
  type BackupAllReposInput,
  type BackupAllReposResult,
  type BackupResult,
} from './backup.definitions';
import { showBusinessAttributes } from '../shared/visibility';

/**
 * One backup of each repository, local first, then off-site (T/QGCML 3125 §8.4: local and
 * off-site copies). One after the other, because pgBackRest holds one backup lock per
 * stanza. Each repository's backup is its own child workflow, recorded and verified as
 * one taken alone; a failure of one still lets the other run, and the whole fails after,
 * naming each repository's reason.
 */
export async function backupAllReposWorkflow(input: BackupAllReposInput): Promise<BackupAllReposResult> {
  const results: BackupResult[] = [];
  const failures: string[] = [];
  for (const repo of BACKUP_REPOS) {
    const { typedSearchAttributes, ...metadata } = backupStartMetadata(input.type, repo, input.trigger);
    try {
      results.push(
        await executeChild(BACKUP_WORKFLOW, {
          workflowId: backupWorkflowId(input.type, repo, input.stamp),
          args: [{ type: input.type, repo }],
          ...metadata,
          ...(startedWithAttributes() ? { typedSearchAttributes } : {}),
        }),
      );
    } catch (error) {
      // The child's own failure (pgBackRest's message) is the cause of the child failure.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      failures.push(`repo${repo}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
  showBusinessAttributes({ businessStatus: failures.length ? 'failed' : 'succeeded' });
  // A failed backup must not show as a green "Completed" run.
  if (failures.length) throw ApplicationFailure.nonRetryable(failures.join('; '), BACKUP_FAILED);
  return { type: input.type, backups: results, failures };
}

/** Children carry search attributes only where this run does (not on the time-skipping server). */
function startedWithAttributes(): boolean {
  return workflowInfo().typedSearchAttributes.getAll().length > 0;
}
