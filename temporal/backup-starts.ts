import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { BackupType } from '../domain/backup';
import {
  BACKUP_ALL_REPOS_WORKFLOW,
  BACKUP_WORKFLOW,
  backupAllReposWorkflowId,
  backupStartMetadata,
  backupWorkflowId,
  type BackupRepo,
} from '../workflows/ops/backup.definitions';
import { searchAttributes } from '../workflows/shared/search-attributes';
import { TASK_QUEUES } from '../workflows/shared/task-queues';
import type { backupWorkflow } from '../workflows/ops/backup';
import type { backupAllReposWorkflow } from '../workflows/ops/backup-all-repos';

/** One backup of one repository, now (T/QGCML 3125 §8.4). */
export async function startBackup(temporal: Client, type: BackupType, repo: BackupRepo): Promise<string> {
  const workflowId = backupWorkflowId(type, repo, new Date().toISOString());
  await temporal.workflow.start<typeof backupWorkflow>(BACKUP_WORKFLOW, {
    workflowId,
    taskQueue: TASK_QUEUES.ops,
    args: [{ type, repo }],
    ...backupStartMetadata(type, repo, 'taken on request'),
  });
  return workflowId;
}

/**
 * A backup of each repository in turn, named by `stamp`. A run of the same stamp that is
 * running or succeeded is kept (the start-up's `initial` backup is taken once); a failed
 * one may be tried again.
 */
export async function startBackupOfAllRepos(
  temporal: Client,
  type: BackupType,
  stamp: string,
  trigger: string,
): Promise<string> {
  const workflowId = backupAllReposWorkflowId(type, stamp);
  try {
    await temporal.workflow.start<typeof backupAllReposWorkflow>(BACKUP_ALL_REPOS_WORKFLOW, {
      workflowId,
      taskQueue: TASK_QUEUES.ops,
      args: [{ type, stamp, trigger }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      staticSummary: `pgBackRest ${type} backup to repo1, then repo2 (${trigger})`,
      staticDetails: 'Each repository backed up and verified in turn (T/QGCML 3125 §8.4); see GET /ops/backups.',
      typedSearchAttributes: [{ key: searchAttributes.businessStatus, value: 'running' }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return workflowId;
}
