import { z } from 'zod';
import { staffTaskKindSchema, staffTaskSubjectTypes } from '../../../domain/staff-tasks';
import { formatDeadline } from './format';
import { defineTemplate } from './template';

// Mail telling staff a task is theirs (domain/staff-tasks.ts): ids, the reason and the
// deadline only, never contact data. Shared by every process that opens a staff task.

const KIND_TEXT = {
  payment_void_refused: { zh: '支付预授权撤销被拒', en: 'payment authorisation void refused' },
  refund_refused: { zh: '退款被拒', en: 'refund refused' },
  payout_refused: { zh: '先行赔付付款被拒', en: 'advance compensation payout refused' },
} as const;

export const staffTaskOpenedStaff = defineTemplate({
  data: z.strictObject({
    taskId: z.uuid(),
    kind: staffTaskKindSchema,
    subjectType: z.enum(staffTaskSubjectTypes),
    subjectId: z.string().min(1).max(64),
    reason: z.string().min(1).max(500),
    dueAt: z.iso.datetime({ offset: true }),
  }),
  compose: ({ taskId, kind, subjectType, subjectId, reason, dueAt }) => ({
    subject: {
      zh: `待办：${KIND_TEXT[kind].zh}（${subjectType} ${subjectId}）`,
      en: `Staff task: ${KIND_TEXT[kind].en} (${subjectType} ${subjectId})`,
    },
    zh: [
      `${subjectType} ${subjectId}：${KIND_TEXT[kind].zh}，系统无法自动重试，需人工处理。`,
      `原因：${reason}`,
      `请于 ${formatDeadline(dueAt)} 前处理，完成后在 POST /staff-tasks/${taskId}/done 标记。`,
    ],
    en: [
      `${subjectType} ${subjectId}: ${KIND_TEXT[kind].en}; the system cannot retry it, a person must act.`,
      `Reason: ${reason}`,
      `Due by ${formatDeadline(dueAt)}; mark it done with POST /staff-tasks/${taskId}/done.`,
    ],
  }),
});
