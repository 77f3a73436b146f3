import { z } from 'zod';
import { staffTaskKindSchema, staffTaskStatuses, staffTaskSubjectTypes } from '../../domain/staff-tasks';
import type { StaffTask } from '../../db/entities/staff-task.entity';

export const staffTaskViewSchema = z.object({
  id: z.uuid(),
  kind: staffTaskKindSchema,
  subjectType: z.enum(staffTaskSubjectTypes),
  subjectId: z.string(),
  reason: z.string(),
  status: z.enum(staffTaskStatuses),
  openedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  overdue: z.boolean(),
  doneAt: z.iso.datetime().nullable(),
  doneBy: z.string().nullable(),
  resolution: z.string().nullable(),
});

export const staffTaskListQuerySchema = z.object({
  status: z.enum(staffTaskStatuses).default('open'),
  kind: staffTaskKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const staffTaskIdParamsSchema = z.object({ id: z.uuid() });

export const markDoneBodySchema = z
  .object({
    /** What staff did (e.g. "voided by hand in the provider's console, ref …"): kept on the task. */
    resolution: z.string().trim().min(1).max(1000),
  })
  .strict();

export function toStaffTaskView(task: StaffTask, now = new Date()): z.infer<typeof staffTaskViewSchema> {
  return {
    id: task.id,
    kind: task.kind,
    subjectType: task.subjectType,
    subjectId: task.subjectId,
    reason: task.reason,
    status: task.status,
    openedAt: task.openedAt.toISOString(),
    dueAt: task.dueAt.toISOString(),
    overdue: task.status === 'open' && task.dueAt < now,
    doneAt: task.doneAt?.toISOString() ?? null,
    doneBy: task.doneBy,
    resolution: task.resolution,
  };
}
