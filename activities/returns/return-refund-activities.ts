import { ApplicationFailure } from '@temporalio/activity';
import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { Order } from '../../db/entities/order.entity';
import { OrderEvent } from '../../db/entities/order-event.entity';
import { Payment } from '../../db/entities/payment.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { refundAmount } from '../../domain/returns';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { PaymentProvider } from '../shared/providers/payment-provider';

export interface ReturnRefundDeps {
  orm: MikroORM;
  payments: PaymentProvider;
}

/**
 * The refund of a return (T/QGCML 3125 §6.4 transferred within the contracted time;
 * §7.1.2 a record the consumer can query and verify). One idempotency key per refund,
 * `return:<id>:refund`, on every retry: the provider moves the money once, and a worker
 * that dies between the provider's answer and our record gets the same refund back.
 */
export function createReturnRefundActivities({ orm, payments }: ReturnRefundDeps) {
  return {
    /**
     * Fixes what the refund pays, once: accepted goods, plus the delivery fee for a fault
     * of the merchant's, capped by what is left of the capture (other returns' refunds
     * counted, fixed or paid). The order row is locked so two returns cannot both take it.
     */
    async fixReturnRefund(input: { returnId: string; refundBy: string }): Promise<{ amount: number; capped: boolean }> {
      return orm.em.fork().transactional(async (em) => {
        const request = await em.findOneOrFail(ReturnRequest, { id: input.returnId }, { populate: ['lines'] });
        if (request.refundAmount !== null) {
          // Fixed already (a retry, or a goodwill refund granted with its amount).
          request.refundBy ??= new Date(input.refundBy);
          return { amount: request.refundAmount, capped: false };
        }
        const order = await em.findOneOrFail(Order, { id: request.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const room = await em.getRepository(ReturnRequest).refundRoom(order.id, request.id);
        const breakdown = refundAmount({
          reason: request.reason,
          acceptedLines: request.acceptedLines(),
          deliveryFee: order.deliveryFee,
          ...room,
        });
        request.refundGoodsAmount = breakdown.goods;
        request.refundDeliveryFee = breakdown.deliveryFee;
        request.refundAmount = breakdown.total;
        request.refundBy = new Date(input.refundBy);
        return { amount: breakdown.total, capped: breakdown.capped };
      });
    },

    /** Pays the fixed refund through the provider and records it in the order's payments and timeline. */
    async refundReturn(input: { returnId: string }): Promise<{ refundId: string; amount: number }> {
      const key = `${workflowIdOfActivity()}:refund`;
      const em = orm.em.fork();
      const done = await em.findOne(Payment, { idempotencyKey: key });
      if (done?.providerTransactionId) return { refundId: done.providerTransactionId, amount: done.amount };
      const request = await em.findOneOrFail(ReturnRequest, { id: input.returnId });
      if (request.refundAmount === null || request.refundAmount <= 0)
        throw ApplicationFailure.nonRetryable(`return ${request.id} has no refund amount fixed`, 'NoRefundAmount');
      const capture = await em.findOne(Payment, {
        subjectType: 'order',
        subjectId: request.orderId,
        operation: 'capture',
        status: 'succeeded',
      });
      if (!capture?.providerTransactionId)
        throw ApplicationFailure.nonRetryable(`order ${request.orderId} has no captured payment`, 'NoCapture');

      const refund = await payments.refund({
        captureId: capture.providerTransactionId,
        amount: { value: request.refundAmount, currency: request.currency },
        reason: `return ${request.id}`,
        idempotencyKey: key,
      });
      await em.transactional(async (tx) => {
        const locked = await tx.findOneOrFail(
          ReturnRequest,
          { id: request.id },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const payment = new Payment({
          subjectType: 'order',
          subjectId: locked.orderId,
          operation: 'refund',
          amount: refund.amount.value,
          currency: locked.currency,
          status: 'succeeded',
          idempotencyKey: key,
        });
        payment.providerTransactionId = refund.refundId;
        payment.requestedAt = new Date(refund.requestedAt);
        payment.settlementDate = refund.settlementDate;
        await tx.upsert(Payment, payment, { onConflictFields: ['idempotencyKey'], onConflictAction: 'ignore' });
        locked.status = 'refunded';
        locked.refundedAt = new Date();
        locked.refundTransactionId = refund.refundId;
        locked.refundPendingReason = null;
        const order = tx.getReference(Order, locked.orderId);
        if ((await tx.count(OrderEvent, { order, key: `return_refunded:${locked.id}` })) === 0)
          tx.persist(
            new OrderEvent({
              order,
              key: `return_refunded:${locked.id}`,
              type: 'return_refunded',
              occurredAt: new Date(),
              details: {
                returnId: locked.id,
                amount: refund.amount.value,
                currency: locked.currency,
                providerTransactionId: refund.refundId,
              },
            }),
          );
      });
      return { refundId: refund.refundId, amount: refund.amount.value };
    },

    /** §7.1.2: the consumer and staff see that the refund is not through yet, and why. */
    async markRefundPending(input: { returnId: string; reason: string }): Promise<void> {
      const em = orm.em.fork();
      const request = await em.findOneOrFail(ReturnRequest, { id: input.returnId });
      if (request.status === 'refunded') return;
      request.status = 'refund_pending';
      request.refundPendingReason = input.reason.slice(0, 500);
      await em.flush();
    },
  };
}
