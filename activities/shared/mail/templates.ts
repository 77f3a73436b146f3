import { z } from 'zod';
import { composeBilingual, type RenderedMail } from './compose';
import {
  deliveryReturnedMerchant,
  handoverOverdueMerchant,
  orderDeliveredConsumer,
  orderHandedOverConsumer,
  reconciliationDiscrepanciesStaff,
  slaBreachStaff,
} from '../../delivery/mail-templates';
import {
  orderCancelledConsumer,
  orderConfirmationReminderMerchant,
  orderConfirmedConsumer,
  orderPlacedMerchant,
  orderReceivedConsumer,
} from '../../order/mail-templates';
import { staffTaskOpenedStaff } from './staff-task-templates';
import { defineTemplate } from './template';

export type { RenderedMail } from './compose';

/** A report for ops (drills, backups, reconciliation): a subject and a preformatted body. */
const opsReport = defineTemplate({
  data: z.strictObject({ subject: z.string().min(1).max(200), body: z.string().min(1).max(100_000) }),
  compose: ({ subject, body }) => ({
    subject: { zh: `运维报告：${subject}`, en: `Ops report: ${subject}` },
    zh: ['运维报告（内容如下，原样转载）：', { pre: body }],
    en: ['Operations report; the body is above, reproduced as generated.'],
  }),
});

/**
 * Every mail StoreOps sends, by purpose: the one place where wording lives. The purpose
 * is also the second half of the usual idempotency key (`<workflowId>:<purpose>`).
 */
export const mailTemplates = {
  order_placed_merchant: orderPlacedMerchant,
  order_received_consumer: orderReceivedConsumer,
  order_confirmation_reminder_merchant: orderConfirmationReminderMerchant,
  order_confirmed_consumer: orderConfirmedConsumer,
  order_cancelled_consumer: orderCancelledConsumer,
  ops_report: opsReport,
  order_handed_over_consumer: orderHandedOverConsumer,
  order_delivered_consumer: orderDeliveredConsumer,
  handover_overdue_merchant: handoverOverdueMerchant,
  delivery_returned_merchant: deliveryReturnedMerchant,
  sla_breach_staff: slaBreachStaff,
  reconciliation_discrepancies_staff: reconciliationDiscrepanciesStaff,
  staff_task_opened_staff: staffTaskOpenedStaff,
};

export type MailPurpose = keyof typeof mailTemplates;
export type MailTemplateData<P extends MailPurpose> = z.input<(typeof mailTemplates)[P]['data']>;
export const MAIL_PURPOSES = Object.keys(mailTemplates) as MailPurpose[];

export function isMailPurpose(value: string): value is MailPurpose {
  return Object.hasOwn(mailTemplates, value);
}

/** A purpose no template exists for: a programming error, retrying cannot fix it. */
export class UnknownMailTemplateError extends Error {
  override readonly name = 'UnknownMailTemplateError';
  constructor(purpose: string) {
    super(`no mail template for purpose "${purpose}" (known: ${MAIL_PURPOSES.join(', ')})`);
  }
}

/** Data that does not fit the template's schema; the message names the fields, not values. */
export class InvalidMailDataError extends Error {
  override readonly name = 'InvalidMailDataError';
}

/**
 * Validates the data against the purpose's schema and renders the bilingual message.
 * Throws UnknownMailTemplateError or InvalidMailDataError; both are permanent.
 */
export function renderMail(purpose: string, data: unknown): RenderedMail {
  if (!isMailPurpose(purpose)) throw new UnknownMailTemplateError(purpose);
  const template = mailTemplates[purpose];
  const parsed = template.data.safeParse(data);
  if (!parsed.success) {
    // Paths and messages only: the values themselves never reach an error or a log.
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`);
    throw new InvalidMailDataError(`invalid data for mail template "${purpose}": ${fields.join('; ')}`);
  }
  // Each template's compose matches its own schema; the registry's union loses that link.
  const compose = template.compose as (value: unknown) => ReturnType<typeof template.compose>;
  return composeBilingual(compose(parsed.data));
}
