import { EntitySchema } from '@mikro-orm/core';
import type { StaffTaskKind, StaffTaskStatus, StaffTaskSubjectType } from '../../domain/staff-tasks';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * Work a person must do because the provider refused for good what a process could not
 * retry (domain/staff-tasks.ts): listed for staff with its deadline until they mark it done.
 * One per idempotency key (`<workflowId>:<kind>`), however often the opening step retries.
 */
export class StaffTask extends BaseEntity {
  status: StaffTaskStatus = 'open';
  doneAt: Date | null = null;
  doneBy: string | null = null;
  /** What staff did, for the record. */
  resolution: string | null = null;

  constructor(
    public kind: StaffTaskKind,
    public subjectType: StaffTaskSubjectType,
    public subjectId: string,
    /** Why it was opened, in the provider's or the process's words (no personal data). */
    public reason: string,
    /** When the process opened it: the SLA counts from here (createdAt is the row's insert). */
    public openedAt: Date,
    public dueAt: Date,
    public idempotencyKey: string,
  ) {
    super();
  }

  markDone(by: string, resolution: string, at = new Date()): void {
    this.status = 'done';
    this.doneAt = at;
    this.doneBy = by;
    this.resolution = resolution;
  }
}

export const StaffTaskSchema = new EntitySchema<StaffTask, BaseEntity>({
  class: StaffTask,
  extends: BaseEntitySchema,
  tableName: 'staff_task',
  indexes: [{ properties: ['status', 'dueAt'] }, { properties: ['subjectType', 'subjectId'] }],
  properties: {
    kind: { type: 'string', length: 32 },
    subjectType: { type: 'string', length: 16 },
    subjectId: { type: 'string', length: 64 },
    reason: { type: 'text' },
    openedAt: { type: 'datetime' },
    dueAt: { type: 'datetime' },
    idempotencyKey: { type: 'string', length: 200, unique: true },
    status: { type: 'string', length: 8 },
    doneAt: { type: 'datetime', nullable: true },
    doneBy: { type: 'string', length: 64, nullable: true },
    resolution: { type: 'text', nullable: true },
  },
});
