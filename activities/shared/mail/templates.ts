import { z } from 'zod';
import { composeBilingual, type RenderedMail } from './compose';
import { holidayYearMissingStaff } from '../../commitments/mail-templates';
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
import { opsReport } from '../../ops/mail-templates';
import { paymentReconciliationDiscrepanciesStaff } from '../../payments/mail-templates';
import { complaintMailTemplates } from '../../complaints/mail-templates';
import {
  refundNoticeFinance,
  refundPendingStaff,
  returnBreachStaff,
  returnDeadlineReminderMerchant,
  returnDecidedConsumer,
  returnInspectionFailedConsumer,
  returnRefundPendingConsumer,
  returnRefundedConsumer,
  returnRequestedMerchant,
} from '../../returns/mail-templates';
import {
  returnExchangedConsumer,
  returnExchangeUnavailableConsumer,
  returnInTransitConsumer,
  returnReceivedConsumer,
} from '../../returns/progress-mail-templates';
import { staffTaskOpenedStaff } from './staff-task-templates';

export type { RenderedMail } from './compose';

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
  payment_reconciliation_discrepancies_staff: paymentReconciliationDiscrepanciesStaff,
  holiday_year_missing_staff: holidayYearMissingStaff,
  ...complaintMailTemplates,
  return_requested_merchant: returnRequestedMerchant,
  return_decided_consumer: returnDecidedConsumer,
  return_inspection_failed_consumer: returnInspectionFailedConsumer,
  return_refunded_consumer: returnRefundedConsumer,
  refund_notice_finance: refundNoticeFinance,
  refund_pending_staff: refundPendingStaff,
  return_breach_staff: returnBreachStaff,
  return_deadline_reminder_merchant: returnDeadlineReminderMerchant,
  return_refund_pending_consumer: returnRefundPendingConsumer,
  return_exchange_unavailable_consumer: returnExchangeUnavailableConsumer,
  return_exchanged_consumer: returnExchangedConsumer,
  return_in_transit_consumer: returnInTransitConsumer,
  return_received_consumer: returnReceivedConsumer,
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
