import { EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import { StackProbeRepository } from '../repositories/stack-probe.repository';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * One round trip through the whole stack (API → Temporal → worker → activity →
 * Postgres): ops' synthetic check that the processes can actually run, beyond
 * /readyz's connectivity checks.
 */
export class StackProbe extends BaseEntity {
  declare [EntityRepositoryType]?: StackProbeRepository;

  constructor(
    /** The probe workflow's id, also the business key that keeps the row unique. */
    public workflowId: string,
    public taskQueue: string,
    /** When the API asked for the probe. */
    public requestedAt: Date,
    /** The worker that ran the activity. */
    public workerIdentity: string,
  ) {
    super();
  }
}

export const StackProbeSchema = new EntitySchema<StackProbe, BaseEntity>({
  class: StackProbe,
  extends: BaseEntitySchema,
  tableName: 'stack_probe',
  repository: () => StackProbeRepository,
  properties: {
    workflowId: { type: 'string', unique: true },
    taskQueue: { type: 'string' },
    requestedAt: { type: 'datetime' },
    workerIdentity: { type: 'string' },
  },
});
