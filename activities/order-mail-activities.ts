import type { MikroORM } from '@mikro-orm/postgresql';
import { workflowIdOfActivity } from './idempotency';
import { Order } from '../db/entities/order.entity';

export type OrderMailPurpose =
  | 'order_placed_merchant'
  | 'order_received_consumer'
  | 'order_confirmation_reminder_merchant'
  | 'order_confirmed_consumer'
  | 'order_cancelled_consumer';

export interface TemplatedMailSender {
  sendTemplatedMail(input: {
    idempotencyKey: string;
    purpose: string;
    recipient: { kind: 'account' | 'merchant'; id: string };
    data: Record<string, unknown>;
  }): Promise<unknown>;
}

export interface OrderMailDeps {
  orm: MikroORM;
  mail: TemplatedMailSender;
}

/**
 * Mail about an order. The workflow names only the order and the purpose; the recipient's
 * address and the message's facts are read here, so no personal data enters workflow
 * history. One message per workflow and purpose, however often the activity retries.
 */
export function createOrderMailActivities({ orm, mail }: OrderMailDeps) {
  return {
    async sendOrderMail(input: { orderId: string; purpose: OrderMailPurpose }): Promise<void> {
      const order = await orm.em.fork().findOneOrFail(Order, { id: input.orderId }, { populate: ['items'] });
      const toMerchant = input.purpose.endsWith('_merchant');
      await mail.sendTemplatedMail({
        idempotencyKey: `${workflowIdOfActivity()}:${input.purpose}`,
        purpose: input.purpose,
        recipient: toMerchant ? { kind: 'merchant', id: order.merchantId } : { kind: 'account', id: order.consumerId },
        data: {
          orderId: order.id,
          items: order.items.getItems().map((item) => ({ name: item.name, quantity: item.quantity })),
          amounts: {
            goods: { amount: order.goodsAmount, currency: order.currency },
            delivery: { amount: order.deliveryFee, currency: order.currency },
            total: { amount: order.totalAmount(), currency: order.currency },
          },
          confirmBy: order.confirmBy?.toISOString(),
          cancelReason: order.cancelReason ?? undefined,
        },
      });
    },
  };
}
