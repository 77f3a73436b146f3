import type { MikroORM } from '@mikro-orm/postgresql';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import type { ReturnObligation, ReturnParty } from '../../workflows/returns/return-refund.definitions';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { createMailActivities } from '../shared/mail/mail-activities';
import { mailInputsOf, type SendTemplatedMailInput } from '../shared/mail/mail-input';

export interface ReturnMailDeps {
  orm: MikroORM;
  mail: Pick<ReturnType<typeof createMailActivities>, 'sendTemplatedMail'>;
}

export type ReturnMailInput =
  | { returnId: string; purpose: 'return_requested_merchant' }
  | { returnId: string; purpose: 'return_decided_consumer' }
  | { returnId: string; purpose: 'return_inspection_failed_consumer' }
  | { returnId: string; purpose: 'return_exchange_unavailable_consumer' | 'return_exchanged_consumer' }
  | { returnId: string; purpose: 'return_in_transit_consumer' | 'return_received_consumer' }
  | { returnId: string; purpose: 'return_refunded_consumer' | 'refund_notice_finance' }
  | { returnId: string; purpose: 'refund_pending_staff' | 'return_refund_pending_consumer' }
  | { returnId: string; purpose: 'return_deadline_reminder_merchant'; step: 'approval' | 'inspection'; dueAt: string }
  | {
      returnId: string;
      purpose: 'return_breach_staff';
      obligation: ReturnObligation;
      party: ReturnParty;
      dueAt: string;
    };

/** The facts each return mail needs, read from the return: nothing personal comes from the workflow. */
function mailFor(request: ReturnRequest, input: ReturnMailInput, workflowId: string): SendTemplatedMailInput {
  const mailTo = mailInputsOf(workflowId);
  const ids = { returnId: request.id, orderId: request.orderId };
  const consumer = { kind: 'account', id: request.consumerId } as const;
  const merchant = { kind: 'merchant', id: request.merchantId } as const;
  const staff = { kind: 'staff', id: 'staff' } as const;
  const refund = { amount: request.refundAmount ?? 0, currency: request.currency as 'CNY' };
  const transactionId = request.refundTransactionId ?? 'pending';
  const pendingReason = request.refundPendingReason ?? 'not through yet';
  switch (input.purpose) {
    case 'return_requested_merchant':
      return mailTo(input.purpose, merchant, {
        ...ids,
        type: request.kind,
        reason: request.reason,
        approveBy: (request.approveBy ?? request.createdAt).toISOString(),
        items: request.lines.getItems().map((line) => ({ name: line.name, quantity: line.quantity })),
      });
    case 'return_decided_consumer': {
      const outcome =
        request.status === 'rejected'
          ? 'rejected'
          : request.decidedBy === 'platform'
            ? 'approved_by_platform'
            : 'approved';
      const reason = request.rejectReason ? { reason: request.rejectReason } : {};
      return mailTo(input.purpose, consumer, { ...ids, outcome, ...reason });
    }
    case 'return_inspection_failed_consumer':
      return mailTo(input.purpose, consumer, ids);
    case 'return_exchange_unavailable_consumer': {
      const why = request.replacementOutcome === 'returned_to_merchant' ? 'returned_to_merchant' : 'out_of_stock';
      return mailTo(input.purpose, consumer, { ...ids, why });
    }
    case 'return_in_transit_consumer':
      return mailTo(input.purpose, consumer, { ...ids, shipmentId: request.shipmentId ?? 'pending' });
    case 'return_received_consumer':
      return mailTo(input.purpose, consumer, { ...ids, receivedAt: (request.receivedAt ?? new Date()).toISOString() });
    case 'return_exchanged_consumer':
      return mailTo(input.purpose, consumer, { ...ids, handoverId: request.replacementHandoverId ?? 'unknown' });
    case 'return_refunded_consumer':
      return mailTo(input.purpose, consumer, {
        ...ids,
        refund,
        deliveryFee: request.refundDeliveryFee ?? 0,
        transactionId,
      });
    case 'refund_notice_finance':
      return mailTo(input.purpose, { kind: 'finance', id: 'finance' }, { ...ids, refund, transactionId });
    case 'refund_pending_staff':
      return mailTo(input.purpose, staff, {
        ...ids,
        refund,
        refundBy: (request.refundBy ?? new Date()).toISOString(),
        reason: pendingReason,
      });
    case 'return_refund_pending_consumer':
      return mailTo(input.purpose, consumer, { ...ids, refund, reason: pendingReason });
    case 'return_deadline_reminder_merchant':
      return mailTo(input.purpose, merchant, { ...ids, step: input.step, dueAt: input.dueAt }, input.step);
    case 'return_breach_staff': {
      const partyId =
        input.party === 'merchant' ? request.merchantId : input.party === 'carrier' ? request.carrierId : 'platform';
      const { obligation, party, dueAt } = input;
      return mailTo(
        input.purpose,
        staff,
        { ...ids, obligation, party, partyId: partyId ?? 'unknown', dueAt },
        obligation,
      );
    }
  }
}

/**
 * Mail about a return (T/QGCML 3125 §6.4). The workflow names the return and the purpose;
 * recipients and facts are read here. One message per workflow and purpose, however often
 * the activity retries.
 */
export function createReturnMailActivities({ orm, mail }: ReturnMailDeps) {
  return {
    async sendReturnMail(input: ReturnMailInput): Promise<void> {
      const request = await orm.em.fork().findOneOrFail(ReturnRequest, { id: input.returnId }, { populate: ['lines'] });
      await mail.sendTemplatedMail(mailFor(request, input, workflowIdOfActivity()));
    },
  };
}
