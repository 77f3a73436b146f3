import { EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import { BackupRunRepository } from '../repositories/backup-run.repository';
import { backupTypes, type BackupType } from '../../domain/backup';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export { backupTypes, type BackupType };

export const backupRunStatuses = ['succeeded', 'failed'] as const;

/**
 * One run of the backup workflow (T/QGCML 3125 §8.4): what pgBackRest reported for the
 * set, and the integrity check (`verify`, checksums) recorded after it.
 */
export class BackupRun extends BaseEntity {
  declare [EntityRepositoryType]?: BackupRunRepository;
  label: string | null = null;
  startedAt: Date | null = null;
  stoppedAt: Date | null = null;
  sizeBytes: string | null = null;
  repoSizeBytes: string | null = null;
  walStart: string | null = null;
  walStop: string | null = null;
  verified: boolean | null = null;
  verifyResult: string | null = null;
  error: string | null = null;

  constructor(
    /** The backup workflow's id: one row per run, whatever retries happen. */
    public workflowId: string,
    public type: BackupType,
    public repo: number,
    public status: (typeof backupRunStatuses)[number],
  ) {
    super();
  }
}

export const BackupRunSchema = new EntitySchema<BackupRun, BaseEntity>({
  class: BackupRun,
  extends: BaseEntitySchema,
  tableName: 'backup_run',
  repository: () => BackupRunRepository,
  properties: {
    workflowId: { type: 'string', unique: true },
    type: { enum: true, items: () => [...backupTypes] },
    repo: { type: 'smallint' },
    status: { enum: true, items: () => [...backupRunStatuses] },
    label: { type: 'string', nullable: true },
    startedAt: { type: 'datetime', nullable: true },
    stoppedAt: { type: 'datetime', nullable: true },
    sizeBytes: { type: 'bigint', nullable: true },
    repoSizeBytes: { type: 'bigint', nullable: true },
    walStart: { type: 'string', length: 24, nullable: true },
    walStop: { type: 'string', length: 24, nullable: true },
    verified: { type: 'boolean', nullable: true },
    verifyResult: { type: 'text', nullable: true },
    error: { type: 'text', nullable: true },
  },
});
