import { z } from 'zod';
import { defineTemplate } from '../shared/mail/template';

// Mail of the ops processes (T/QGCML 3125 §8.2.3 drills, §8.4 backups).

/** A report for ops (drills, backups, reconciliation): a subject and a preformatted body. */
export const opsReport = defineTemplate({
  data: z.strictObject({ subject: z.string().min(1).max(200), body: z.string().min(1).max(100_000) }),
  compose: ({ subject, body }) => ({
    subject: { zh: `运维报告：${subject}`, en: `Ops report: ${subject}` },
    zh: ['运维报告（内容如下，原样转载）：', { pre: body }],
    en: ['Operations report; the body is above, reproduced as generated.'],
  }),
});
