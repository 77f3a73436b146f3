import type { BackupType } from '../../domain/backup';

export type { BackupType };
export type BackupRepo = 1 | 2;

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
