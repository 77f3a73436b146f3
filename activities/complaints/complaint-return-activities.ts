import { ApplicationFailure } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/postgresql';
import { Complaint } from '../../db/entities/complaint.entity';
import { Order } from '../../db/entities/order.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { returnReasonForComplaint } from '../../domain/complaints';
import { DomainError } from '../../domain/errors';
import { finalReturnStatuses, type ReturnStatus } from '../../domain/returns';
import { quantitiesStillReturnable, requestReturn } from '../returns/request-return';

/** The return can never be made for this complaint (window passed, nothing left): staff take over. */
export const RETURN_REMEDY_NOT_POSSIBLE = 'ReturnRemedyNotPossible';

/** What the complaint workflow needs to start `returnRefund` as its child: ids only. */
export interface ComplaintReturn {
  returnId: string;
  orderId: string;
  merchantId: string;
  /** When the return was asked for: its deadlines count from here (returnRefund input). */
  requestedAt: string;
  currency: string;
  /** For the return's summary in the Temporal UI (absent from results recorded before it). */
  kind?: string;
  approveBy?: string | null;
}

function asComplaintReturn(request: ReturnRequest): ComplaintReturn {
  return {
    returnId: request.id,
    orderId: request.orderId,
    merchantId: request.merchantId,
    requestedAt: request.createdAt.toISOString(),
    currency: request.currency,
    kind: request.kind,
    approveBy: request.approveBy?.toISOString() ?? null,
  };
}

/** Which complaint's remedy, and what to ask for: an exchange, or (no type) a return. */
export interface ReturnForComplaintInput {
  complaintId: string;
  type?: 'return' | 'exchange';
}

/**
 * The return a complaint's accepted remedy makes (T/QGCML 3125 §4.8, §5.7 return and
 * exchange as remedies; §6.4 after-sales). Made through `requestReturn`, the one function
 * the consumer's own request goes through, so the same eligibility and counting rules hold.
 */
export function createComplaintReturnActivities({ orm }: { orm: MikroORM }) {
  return {
    /**
     * Creates the complaint's return for every item still returnable, or finds the one a
     * previous attempt made (return_request.complaint_id is unique). `type: 'exchange'` makes
     * an exchange, whose process ships a replacement; without a type (complaints that began
     * before exchanges were offered), a return with a refund.
     * Ineligible (window passed, nothing left) → non-retryable RETURN_REMEDY_NOT_POSSIBLE.
     */
    async createReturnForComplaint(input: ReturnForComplaintInput): Promise<ComplaintReturn> {
      return orm.em.fork().transactional(async (em) => {
        // The complaint's row lock serialises two attempts, so the second finds the first's return.
        const complaint = await em.findOneOrFail(
          Complaint,
          { id: input.complaintId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const made = await em.findOne(ReturnRequest, { complaintId: complaint.id });
        if (made) return asComplaintReturn(made);

        const order = await em.findOneOrFail(Order, { id: complaint.orderId }, { populate: ['items'] });
        const left = await quantitiesStillReturnable(em, order);
        const items = [...left]
          .filter(([, quantity]) => quantity > 0)
          .map(([productId, quantity]) => ({ productId, quantity }));
        if (items.length === 0)
          throw ApplicationFailure.nonRetryable(
            `order ${order.id} has nothing left to return: other returns hold every item`,
            RETURN_REMEDY_NOT_POSSIBLE,
          );
        try {
          const request = await requestReturn(em, {
            orderId: complaint.orderId,
            consumerId: complaint.consumerId,
            type: input.type ?? 'return',
            reason: returnReasonForComplaint(complaint.category),
            items,
            complaintId: complaint.id,
          });
          return asComplaintReturn(request);
        } catch (error) {
          // Eligibility is decided by the order and the calendar: a retry cannot change it.
          if (error instanceof DomainError && error.kind !== 'unavailable')
            throw ApplicationFailure.nonRetryable(
              `no return possible for order ${order.id}: ${error.message}`,
              RETURN_REMEDY_NOT_POSSIBLE,
            );
          throw error;
        }
      });
    },

    /** Where the complaint's return stands, for a complaint that found its process already started. */
    async complaintReturnStatus(input: {
      returnId: string;
    }): Promise<{ status: ReturnStatus; final: boolean; refundAmount: number | null }> {
      const request = await orm.em.fork().findOneOrFail(ReturnRequest, { id: input.returnId });
      return {
        status: request.status,
        final: finalReturnStatuses.includes(request.status),
        refundAmount: request.refundAmount,
      };
    },
  };
}
