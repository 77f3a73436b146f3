import { ApplicationFailure } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { workflowIdOfActivity } from '../shared/idempotency';
import { Order } from '../../db/entities/order.entity';
import { Payment, type PaymentOperation } from '../../db/entities/payment.entity';
import { recordOrderEvent } from './order-timeline';
import { PaymentRequestRejected, type PaymentProvider } from '../shared/providers/payment-provider';

export interface OrderPaymentDeps {
  orm: MikroORM;
  payments: PaymentProvider;
}

/** Idempotency key of one payment step of one workflow: the same step retried is the same call. */
function stepKey(operation: PaymentOperation): string {
  return `${workflowIdOfActivity()}:${operation}`;
}

/**
 * Payment steps of an order (T/QGCML 3125 §4.6, §7.1). Each records its outcome in the
 * `payment` table, the consumer's queryable record, under the step's idempotency key.
 */
export function createOrderPaymentActivities({ orm, payments }: OrderPaymentDeps) {
  async function recorded(idempotencyKey: string): Promise<Payment | null> {
    return orm.em.fork().findOne(Payment, { idempotencyKey });
  }

  async function record(
    order: Order,
    operation: PaymentOperation,
    outcome: Partial<Payment> & Pick<Payment, 'status'>,
    key: string,
  ) {
    const em = orm.em.fork();
    const payment = new Payment({
      subjectType: 'order',
      subjectId: order.id,
      operation,
      amount: order.totalAmount(),
      currency: order.currency,
      status: outcome.status,
      idempotencyKey: key,
    });
    payment.providerTransactionId = outcome.providerTransactionId ?? null;
    payment.declineCode = outcome.declineCode ?? null;
    await em.upsert(Payment, payment, { onConflictFields: ['idempotencyKey'], onConflictAction: 'ignore' });
  }

  async function authorisationOf(orderId: string): Promise<Payment> {
    const authorisation = await orm.em
      .fork()
      .findOne(Payment, { subjectType: 'order', subjectId: orderId, operation: 'authorize', status: 'succeeded' });
    if (!authorisation?.providerTransactionId) {
      throw ApplicationFailure.nonRetryable(
        `order ${orderId} has no successful payment authorisation`,
        'NoAuthorisation',
      );
    }
    return authorisation;
  }

  /**
   * Captures or voids the order's authorised money, once per step key: the provider's
   * answer to a retry with the same key is the first one's, and a step already recorded
   * is not asked again. `move` answers the provider's transaction id.
   */
  async function settleAuthorisation(
    orderId: string,
    operation: 'capture' | 'void',
    move: (request: { authorizationId: string; idempotencyKey: string }) => Promise<string>,
  ): Promise<void> {
    const key = stepKey(operation);
    if (await recorded(key)) return;
    const authorisation = await authorisationOf(orderId);
    const order = await orm.em.fork().findOneOrFail(Order, { id: orderId });
    const providerTransactionId = await move({
      authorizationId: authorisation.providerTransactionId as string,
      idempotencyKey: key,
    });
    await record(order, operation, { status: 'succeeded', providerTransactionId }, key);
    await recordOrderEvent(orm, order.id, operation === 'capture' ? 'payment_captured' : 'payment_voided');
  }

  return {
    async authorizePayment(input: {
      orderId: string;
    }): Promise<{ status: 'authorized' } | { status: 'declined'; declineCode: string }> {
      const key = stepKey('authorize');
      const done = await recorded(key);
      if (done)
        return done.status === 'succeeded'
          ? { status: 'authorized' }
          : { status: 'declined', declineCode: done.declineCode ?? 'declined' };

      const order = await orm.em.fork().findOneOrFail(Order, { id: input.orderId });
      const result = await payments
        .authorize({
          amount: { value: order.totalAmount(), currency: order.currency },
          paymentToken: order.paymentToken,
          reference: order.id,
          idempotencyKey: key,
        })
        .catch((error: unknown) => {
          // A token the provider does not accept is, for the consumer, a declined payment.
          if (error instanceof PaymentRequestRejected) return { status: 'declined' as const, declineCode: error.code };
          throw error;
        });
      if (result.status === 'declined') {
        await record(order, 'authorize', { status: 'declined', declineCode: result.declineCode }, key);
        await recordOrderEvent(orm, order.id, 'payment_declined', { declineCode: result.declineCode });
        return { status: 'declined', declineCode: result.declineCode };
      }
      await record(order, 'authorize', { status: 'succeeded', providerTransactionId: result.authorizationId }, key);
      await recordOrderEvent(orm, order.id, 'payment_authorized');
      return { status: 'authorized' };
    },

    async capturePayment(input: { orderId: string }): Promise<void> {
      await settleAuthorisation(
        input.orderId,
        'capture',
        async (request) => (await payments.capture(request)).captureId,
      );
    },

    /** Releases the authorised money of an order that will not go on. */
    async voidPayment(input: { orderId: string }): Promise<void> {
      await settleAuthorisation(
        input.orderId,
        'void',
        async (request) => (await payments.void(request)).voidId ?? request.authorizationId,
      );
    },
  };
}
