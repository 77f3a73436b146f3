import { EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import { RecoveryDrillRepository } from '../repositories/recovery-drill.repository';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export const drillScenarios = ['general', 'severe'] as const;
export type DrillScenario = (typeof drillScenarios)[number];
export const drillStatuses = ['running', 'passed', 'failed'] as const;
export type DrillStatus = (typeof drillStatuses)[number];

/**
 * A disaster-recovery drill (T/QGCML 3125 §8.2.3): created when it is started, completed
 * with its report (JSON: phases, RTO, RPO, completeness per table, backup used).
 */
export class RecoveryDrill extends BaseEntity {
  declare [EntityRepositoryType]?: RecoveryDrillRepository;
  status: DrillStatus = 'running';
  finishedAt: Date | null = null;
  failureReason: string | null = null;
  report: Record<string, unknown> | null = null;

  constructor(
    id: string,
    public workflowId: string,
    public scenario: DrillScenario,
    /** The principal's subject who started it, or `schedule`/`cli`. */
    public startedBy: string,
    public keepStandby: boolean,
  ) {
    super();
    this.id = id;
  }
}

export const RecoveryDrillSchema = new EntitySchema<RecoveryDrill, BaseEntity>({
  class: RecoveryDrill,
  extends: BaseEntitySchema,
  tableName: 'recovery_drill',
  repository: () => RecoveryDrillRepository,
  properties: {
    workflowId: { type: 'string', unique: true },
    scenario: { enum: true, items: () => [...drillScenarios] },
    startedBy: { type: 'string', length: 128 },
    keepStandby: { type: 'boolean' },
    status: { enum: true, items: () => [...drillStatuses] },
    finishedAt: { type: 'datetime', nullable: true },
    failureReason: { type: 'text', nullable: true },
    report: { type: 'json', nullable: true },
  },
});
