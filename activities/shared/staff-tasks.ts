import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { StaffTask } from '../../db/entities/staff-task.entity';
import {
  staffTaskDueAt,
  staffTaskKindSchema,
  staffTaskSubjectTypes,
  type StaffTaskKind,
  type StaffTaskSubjectType,
} from '../../domain/staff-tasks';
import { workflowIdOfActivity } from './idempotency';
import type { createMailActivities } from './mail/mail-activities';

export interface StaffTaskActivityDeps {
  orm: MikroORM;
  mail: Pick<ReturnType<typeof createMailActivities>, 'sendTemplatedMail'>;
  clock?: () => Date;
}

export interface OpenStaffTaskInput {
  kind: StaffTaskKind;
  subjectType: StaffTaskSubjectType;
  subjectId: string;
  /** Why: the provider's refusal or the failure's message; ids and codes, no personal data. */
  reason: string;
  /** Tells apart two tasks of one kind opened by one workflow (e.g. one per refund attempt). */
  step?: string;
}

export interface OpenStaffTaskResult {
  taskId: string;
  dueAt: string;
}

const MAX_REASON_LENGTH = 500;

const inputSchema = z.object({
  kind: staffTaskKindSchema,
  subjectType: z.enum(staffTaskSubjectTypes),
  subjectId: z.string().min(1).max(64),
  reason: z.string().min(1),
  step: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/)
    .optional(),
});

/**
 * The one way a process hands money it could not move to a person (money never waits on a
 * log line: docs/architecture.md "Workflows"; T/QGCML 3125 §4.6, §6.4, §4.8): a listed `staff_task` with its
 * deadline, and a mail to staff. Any workflow proxies `openStaffTask`; the task is keyed
 * `<workflowId>:<kind>[:<step>]`, so a retried activity opens it and mails about it once.
 */
export function createStaffTaskActivities({ orm, mail, clock = () => new Date() }: StaffTaskActivityDeps) {
  return {
    async openStaffTask(input: OpenStaffTaskInput): Promise<OpenStaffTaskResult> {
      const parsed = inputSchema.safeParse(input);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
        throw ApplicationFailure.nonRetryable(`openStaffTask: ${fields.join('; ')}`, 'InvalidStaffTask');
      }
      const { kind, subjectType, subjectId, step } = parsed.data;
      const idempotencyKey = [workflowIdOfActivity(), kind, ...(step ? [step] : [])].join(':');
      const reason = parsed.data.reason.slice(0, MAX_REASON_LENGTH);
      const openedAt = clock();

      const em = orm.em.fork();
      const task = new StaffTask({
        kind,
        subjectType,
        subjectId,
        reason,
        openedAt,
        dueAt: staffTaskDueAt(kind, openedAt),
        idempotencyKey,
      });
      await em.upsert(StaffTask, task, { onConflictFields: ['idempotencyKey'], onConflictAction: 'ignore' });
      // The first attempt's row wins: its id and deadline are the ones mailed and returned.
      const opened = await em.fork().findOneOrFail(StaffTask, { idempotencyKey });

      await mail.sendTemplatedMail({
        idempotencyKey: `${idempotencyKey}:staff_task_opened_staff`,
        purpose: 'staff_task_opened_staff',
        recipient: { kind: 'staff', id: 'staff' },
        data: {
          taskId: opened.id,
          kind: opened.kind,
          subjectType: opened.subjectType,
          subjectId: opened.subjectId,
          reason: opened.reason,
          dueAt: opened.dueAt.toISOString(),
        },
      });
      return { taskId: opened.id, dueAt: opened.dueAt.toISOString() };
    },
  };
}
