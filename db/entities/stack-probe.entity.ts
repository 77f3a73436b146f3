import { Entity, EntityRepositoryType, Property } from '@mikro-orm/core';
import { StackProbeRepository } from '../repositories/stack-probe.repository';
import { BaseEntity } from './base.entity';

/**
 * One round trip through the whole stack (API → Temporal → worker → activity →
 * Postgres): ops' synthetic check that the processes can actually run, beyond
 * /readyz's connectivity checks.
 */
@Entity({ tableName: 'stack_probe', repository: () => StackProbeRepository })
export class StackProbe extends BaseEntity {
  declare [EntityRepositoryType]?: StackProbeRepository;

  /** The probe workflow's id, also the business key that keeps the row unique. */
  @Property({ type: 'string', unique: true }) workflowId!: string;

  @Property({ type: 'string' }) taskQueue!: string;

  /** When the API asked for the probe. */
  @Property({ type: 'datetime' }) requestedAt!: Date;

  /** The worker that ran the activity. */
  @Property({ type: 'string' }) workerIdentity!: string;

  /** Takes named fields: the columns without a default. */
  constructor(fields: Pick<StackProbe, 'workflowId' | 'taskQueue' | 'requestedAt' | 'workerIdentity'>) {
    super();
    Object.assign(this, fields);
  }
}
