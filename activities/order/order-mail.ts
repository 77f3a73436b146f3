import type { MikroORM } from '@mikro-orm/postgresql';
import { Order } from '../../db/entities/order.entity';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { createMailActivities } from '../shared/mail/mail-activities';
import { mailInputsOf, type SendTemplatedMailInput } from '../shared/mail/mail-input';

export type OrderMailPurpose = Extract<
  SendTemplatedMailInput['purpose'],
  | 'order_placed_merchant'
  | 'order_received_consumer'
  | 'order_confirmation_reminder_merchant'
  | 'order_confirmed_consumer'
  | 'order_cancelled_consumer'
>;

export interface OrderMailDeps {
  orm: MikroORM;
  mail: Pick<ReturnType<typeof createMailActivities>, 'sendTemplatedMail'>;
}

/** The facts each order mail needs, read from the order: nothing personal comes from the workflow. */
function mailFor(order: Order, purpose: OrderMailPurpose, workflowId: string): SendTemplatedMailInput {
  const mailTo = mailInputsOf(workflowId);
  const amounts = {
    goods: order.goodsAmount,
    delivery: order.deliveryFee,
    total: order.totalAmount(),
    currency: order.currency,
  };
  const items = order.items.getItems().map((item) => ({ name: item.name, quantity: item.quantity }));
  const confirmBy = (order.confirmBy ?? order.createdAt).toISOString();
  const merchant = { kind: 'merchant', id: order.merchantId } as const;
  const consumer = { kind: 'account', id: order.consumerId } as const;
  const orderId = order.id;
  switch (purpose) {
    case 'order_placed_merchant':
      return mailTo(purpose, merchant, { orderId, confirmBy, items, amounts });
    case 'order_received_consumer':
      return mailTo(purpose, consumer, { orderId, confirmBy, items, amounts });
    case 'order_confirmation_reminder_merchant':
      return mailTo(purpose, merchant, { orderId, confirmBy });
    case 'order_confirmed_consumer':
      return mailTo(purpose, consumer, { orderId, amounts });
    case 'order_cancelled_consumer':
      return mailTo(purpose, consumer, { orderId, reason: order.cancelReason ?? 'processing_failed' });
  }
}

/**
 * Mail about an order. The workflow names only the order and the purpose; the recipient
 * and the message's facts are read here, so no personal data enters workflow history.
 * One message per workflow and purpose, however often the activity retries.
 */
export function createOrderMailActivities({ orm, mail }: OrderMailDeps) {
  return {
    async sendOrderMail(input: { orderId: string; purpose: OrderMailPurpose }): Promise<void> {
      const order = await orm.em.fork().findOneOrFail(Order, { id: input.orderId }, { populate: ['items'] });
      await mail.sendTemplatedMail(mailFor(order, input.purpose, workflowIdOfActivity()));
    },
  };
}
