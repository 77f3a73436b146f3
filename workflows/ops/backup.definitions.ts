import type { SearchAttributePair } from '@temporalio/common';
import type { BackupType } from '../../domain/backup';
import { searchAttributes } from '../shared/search-attributes';

export type { BackupType };
export type BackupRepo = 1 | 2;
/** repo1 is local, repo2 off-site (T/QGCML 3125 §8.4). */
export const BACKUP_REPOS: readonly BackupRepo[] = [1, 2];

export const BACKUP_WORKFLOW = 'backupWorkflow';
export const BACKUP_ALL_REPOS_WORKFLOW = 'backupAllReposWorkflow';

export interface BackupInput {
  type: BackupType;
  repo: BackupRepo;
}

export interface BackupResult {
  workflowId: string;
  label: string;
  type: BackupType;
  repo: BackupRepo;
  verified: boolean;
  verifyResult: string;
}

export interface BackupAllReposInput {
  type: BackupType;
  /** Names the run: an ISO instant, or `initial` for the first backup at start-up. */
  stamp: string;
  /** Why it runs, shown in the Temporal UI (`taken on request`, `initial backup at start-up`). */
  trigger: string;
}

export interface BackupAllReposResult {
  type: BackupType;
  backups: BackupResult[];
  /** One line per repository whose backup failed, with pgBackRest's reason. */
  failures: string[];
}

/** `backup:<type>:all:<stamp>`: the run that backs up every repository in turn. */
export function backupAllReposWorkflowId(type: BackupType, stamp: string): string {
  return `backup:${type}:all:${stamp}`;
}

/** `backup:<type>:repo<N>:<stamp>`; the stamp is an ISO instant or a schedule's run id. */
export function backupWorkflowId(type: BackupType, repo: BackupRepo, stamp: string): string {
  return `backup:${type}:repo${repo}:${stamp}`;
}

/** Schedule ids: one per (type, repo); Temporal appends the run's time to the workflow id. */
export function backupScheduleId(type: BackupType, repo: BackupRepo): string {
  return `backup-${type}-repo${repo}`;
}

/** pgBackRest refused the backup or the repository (its own message is the failure's). */
export const BACKUP_FAILED = 'BackupFailed';

/**
 * What the Temporal UI shows of a backup from its start (API and schedules alike), and
 * BusinessStatus `running`, which the workflow turns into `succeeded` or `failed`.
 */
export function backupStartMetadata(
  type: BackupType,
  repo: BackupRepo,
  trigger: string,
): { staticSummary: string; staticDetails: string; typedSearchAttributes: SearchAttributePair[] } {
  return {
    staticSummary: `pgBackRest ${type} backup to repo${repo} (${trigger})`,
    staticDetails: [
      `Type: ${type} · repository: repo${repo} (${repo === 1 ? 'local' : 'off-site'})`,
      'Backed up, then verified with checksums (T/QGCML 3125 §8.4); recorded in GET /ops/backups.',
    ].join('\n'),
    typedSearchAttributes: [{ key: searchAttributes.businessStatus, value: 'running' }],
  };
}
