import { Entity, EntityRepositoryType, Enum, Property } from '@mikro-orm/core';
import { BackupRunRepository } from '../repositories/backup-run.repository';
import { backupTypes, type BackupType } from '../../domain/backup';
import { BaseEntity } from './base.entity';

export { backupTypes, type BackupType };

export const backupRunStatuses = ['succeeded', 'failed'] as const;

/**
 * One run of the backup workflow (T/QGCML 3125 §8.4): what pgBackRest reported for the
 * set, and the integrity check (`verify`, checksums) recorded after it.
 */
@Entity({ tableName: 'backup_run', repository: () => BackupRunRepository })
export class BackupRun extends BaseEntity {
  declare [EntityRepositoryType]?: BackupRunRepository;

  @Property({ type: 'string', nullable: true }) label: string | null = null;

  @Property({ type: 'datetime', nullable: true }) startedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true }) stoppedAt: Date | null = null;

  @Property({ type: 'bigint', nullable: true }) sizeBytes: string | null = null;

  @Property({ type: 'bigint', nullable: true }) repoSizeBytes: string | null = null;

  @Property({ type: 'string', length: 24, nullable: true }) walStart: string | null = null;

  @Property({ type: 'string', length: 24, nullable: true }) walStop: string | null = null;

  @Property({ type: 'boolean', nullable: true }) verified: boolean | null = null;

  @Property({ type: 'text', nullable: true }) verifyResult: string | null = null;

  @Property({ type: 'text', nullable: true }) error: string | null = null;

  /** The backup workflow's id: one row per run, whatever retries happen. */
  @Property({ type: 'string', unique: true }) workflowId!: string;

  @Enum({ items: () => [...backupTypes] }) type!: BackupType;

  @Property({ type: 'smallint' }) repo!: number;

  @Enum({ items: () => [...backupRunStatuses] }) status!: (typeof backupRunStatuses)[number];

  /** Takes named fields: the columns without a default. */
  constructor(fields: Pick<BackupRun, 'workflowId' | 'type' | 'repo' | 'status'>) {
    super();
    Object.assign(this, fields);
  }
}
