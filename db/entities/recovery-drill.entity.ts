import { Entity, EntityRepositoryType, Enum, Property } from '@mikro-orm/core';
import { RecoveryDrillRepository } from '../repositories/recovery-drill.repository';
import { BaseEntity } from './base.entity';

export const drillScenarios = ['general', 'severe'] as const;
export type DrillScenario = (typeof drillScenarios)[number];
export const drillStatuses = ['running', 'passed', 'failed'] as const;
export type DrillStatus = (typeof drillStatuses)[number];

/**
 * A disaster-recovery drill (T/QGCML 3125 §8.2.3): created when it is started, completed
 * with its report (JSON: phases, RTO, RPO, completeness per table, backup used).
 */
@Entity({ tableName: 'recovery_drill', repository: () => RecoveryDrillRepository })
export class RecoveryDrill extends BaseEntity {
  declare [EntityRepositoryType]?: RecoveryDrillRepository;

  @Enum({ items: () => [...drillStatuses] }) status: DrillStatus = 'running';

  @Property({ type: 'datetime', nullable: true }) finishedAt: Date | null = null;

  @Property({ type: 'text', nullable: true }) failureReason: string | null = null;

  @Property({ type: 'json', nullable: true }) report: Record<string, unknown> | null = null;

  @Property({ type: 'string', unique: true }) workflowId!: string;

  @Enum({ items: () => [...drillScenarios] }) scenario!: DrillScenario;

  /** The principal's subject who started it, or `schedule`/`cli`. */
  @Property({ type: 'string', length: 128 }) startedBy!: string;

  @Property({ type: 'boolean' }) keepStandby!: boolean;

  /** Takes named fields: the columns without a default, and the id the drill's workflow already uses. */
  constructor(fields: Pick<RecoveryDrill, 'id' | 'workflowId' | 'scenario' | 'startedBy' | 'keepStandby'>) {
    super();
    Object.assign(this, fields);
  }
}
