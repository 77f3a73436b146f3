import { Entity, Index, Property } from '@mikro-orm/core';
import type { StaffTaskKind, StaffTaskStatus, StaffTaskSubjectType } from '../../domain/staff-tasks';
import { BaseEntity } from './base.entity';

/**
 * Work a person must do because the provider refused for good what a process could not
 * retry (domain/staff-tasks.ts): listed for staff with its deadline until they mark it done.
 * One per idempotency key (`<workflowId>:<kind>`), however often the opening step retries.
 */
@Entity({ tableName: 'staff_task' })
@Index({ properties: ['status', 'dueAt'] })
@Index({ properties: ['subjectType', 'subjectId'] })
export class StaffTask extends BaseEntity {
  @Property({ type: 'string', length: 8 }) status: StaffTaskStatus = 'open';

  @Property({ type: 'datetime', nullable: true }) doneAt: Date | null = null;

  @Property({ type: 'string', length: 64, nullable: true }) doneBy: string | null = null;

  /** What staff did, for the record. */
  @Property({ type: 'text', nullable: true }) resolution: string | null = null;

  @Property({ type: 'string', length: 32 }) kind!: StaffTaskKind;

  @Property({ type: 'string', length: 16 }) subjectType!: StaffTaskSubjectType;

  @Property({ type: 'string', length: 64 }) subjectId!: string;

  /** Why it was opened, in the provider's or the process's words (no personal data). */
  @Property({ type: 'text' }) reason!: string;

  /** When the process opened it: the SLA counts from here (createdAt is the row's insert). */
  @Property({ type: 'datetime' }) openedAt!: Date;

  @Property({ type: 'datetime' }) dueAt!: Date;

  @Property({ type: 'string', length: 200, unique: true }) idempotencyKey!: string;

  /** Takes named fields: the columns without a default. */
  constructor(
    fields: Pick<StaffTask, 'kind' | 'subjectType' | 'subjectId' | 'reason' | 'openedAt' | 'dueAt' | 'idempotencyKey'>,
  ) {
    super();
    Object.assign(this, fields);
  }

  markDone(by: string, resolution: string, at = new Date()): void {
    this.status = 'done';
    this.doneAt = at;
    this.doneBy = by;
    this.resolution = resolution;
  }
}
