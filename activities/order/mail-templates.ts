import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from '../../domain/money';
import { cancelReasonSchema, type CancelReason } from '../../domain/order-status';
import type { MailBlock } from '../shared/mail/compose';
import { formatAmount, formatDeadline } from '../shared/mail/format';
import { defineTemplate } from '../shared/mail/template';

// Mail of the order-confirmation process (T/QGCML 3125 §4.7 confirmation within one
// working day; §5.4 goods amount and delivery fee shown separately).

const orderId = z.string().min(1).max(64);
const isoInstant = z.iso.datetime({ offset: true });
const minorUnits = minorUnitsSchema.nonnegative();

/** Amounts in minor units (fen), the same shape the order API answers with. */
const orderAmounts = z.strictObject({
  goods: minorUnits,
  delivery: minorUnits,
  total: minorUnits,
  currency: currencySchema,
});
type OrderAmounts = z.infer<typeof orderAmounts>;

const orderItems = z
  .array(z.strictObject({ name: z.string().min(1).max(200), quantity: z.int().positive() }))
  .min(1)
  .max(100);
type OrderItems = z.infer<typeof orderItems>;

const CANCEL_REASON_TEXT: Record<CancelReason, { zh: string; en: string }> = {
  merchant_rejected: { zh: '商家拒绝了该订单', en: 'the merchant declined the order' },
  confirmation_overdue: {
    zh: '商家未在承诺的时限内确认订单',
    en: 'the merchant did not confirm the order within the promised time',
  },
  consumer_cancelled: {
    zh: '您在商家确认前取消了订单',
    en: 'you cancelled the order before the merchant confirmed it',
  },
  payment_declined: { zh: '支付未获授权', en: 'the payment was declined' },
  processing_failed: { zh: '订单处理失败', en: 'the order could not be processed' },
};

function itemLines(items: OrderItems): string {
  return items.map((item) => `· ${item.name} × ${item.quantity}`).join('\n');
}

/** §5.4: goods amount and delivery fee on their own lines, then the total. */
function amountLines(a: OrderAmounts): { zh: string; en: string } {
  const money = (value: number) => formatAmount(value, a.currency);
  return {
    zh: `商品金额：${money(a.goods)}\n配送费：${money(a.delivery)}\n合计：${money(a.total)}`,
    en: `Goods: ${money(a.goods)}\nDelivery fee: ${money(a.delivery)}\nTotal: ${money(a.total)}`,
  };
}

const placedData = z.strictObject({ orderId, confirmBy: isoInstant, items: orderItems, amounts: orderAmounts });

export const orderPlacedMerchant = defineTemplate({
  data: placedData,
  compose: ({ orderId, confirmBy, items, amounts }) => {
    const deadline = formatDeadline(confirmBy);
    const money = amountLines(amounts);
    return {
      subject: { zh: `新订单待确认：${orderId}`, en: `New order to confirm: ${orderId}` },
      zh: [
        `您的店铺收到一笔新订单，订单号 ${orderId}。`,
        `请在 ${deadline} 之前确认或拒绝该订单。逾期未确认的订单将被自动取消，并记为未按时确认。`,
        `商品：\n${itemLines(items)}`,
        money.zh,
      ],
      en: [
        `Your shop has received a new order, number ${orderId}.`,
        `Please confirm or reject it by ${deadline}. An order not confirmed by then is cancelled automatically and recorded as a missed confirmation deadline.`,
        `Items:\n${itemLines(items)}`,
        money.en,
      ],
    };
  },
});

export const orderReceivedConsumer = defineTemplate({
  data: placedData,
  compose: ({ orderId, confirmBy, items, amounts }) => {
    const deadline = formatDeadline(confirmBy);
    const money = amountLines(amounts);
    return {
      subject: { zh: `订单已收到：${orderId}`, en: `Order received: ${orderId}` },
      zh: [
        `我们已收到您的订单 ${orderId}，正在等待商家确认。`,
        `商家将在 ${deadline} 之前确认订单；如未按时确认，订单将自动取消，预授权的款项将被释放，不会扣款。`,
        `商品：\n${itemLines(items)}`,
        money.zh,
      ],
      en: [
        `We have received your order ${orderId}; it is awaiting the merchant's confirmation.`,
        `The merchant will confirm it by ${deadline}. If it is not confirmed by then, the order is cancelled automatically and the authorised amount is released; you will not be charged.`,
        `Items:\n${itemLines(items)}`,
        money.en,
      ],
    };
  },
});

export const orderConfirmationReminderMerchant = defineTemplate({
  data: z.strictObject({ orderId, confirmBy: isoInstant }),
  compose: ({ orderId, confirmBy }) => {
    const deadline = formatDeadline(confirmBy);
    return {
      subject: { zh: `提醒：订单 ${orderId} 待确认`, en: `Reminder: order ${orderId} awaits your confirmation` },
      zh: [`订单 ${orderId} 尚未确认。请在 ${deadline} 之前确认或拒绝；逾期未确认的订单将被自动取消。`],
      en: [
        `Order ${orderId} has not been confirmed yet. Please confirm or reject it by ${deadline}; otherwise it is cancelled automatically.`,
      ],
    };
  },
});

export const orderConfirmedConsumer = defineTemplate({
  data: z.strictObject({ orderId, amounts: orderAmounts }),
  compose: ({ orderId, amounts }) => {
    const money = amountLines(amounts);
    return {
      subject: { zh: `订单已确认：${orderId}`, en: `Order confirmed: ${orderId}` },
      zh: [`商家已确认您的订单 ${orderId}，将尽快安排发货。`, `本次支付：\n${money.zh}`],
      en: [
        `The merchant has confirmed your order ${orderId}; it will be prepared for shipping.`,
        `Charged:\n${money.en}`,
      ],
    };
  },
});

export const orderCancelledConsumer = defineTemplate({
  data: z.strictObject({ orderId, reason: cancelReasonSchema }),
  compose: ({ orderId, reason }) => {
    const why = CANCEL_REASON_TEXT[reason];
    const zh: MailBlock[] = [
      `您的订单 ${orderId} 已取消。原因：${why.zh}。`,
      '您未被扣款；为该订单预授权的款项已全部释放。',
    ];
    const en: MailBlock[] = [
      `Your order ${orderId} has been cancelled. Reason: ${why.en}.`,
      'You have not been charged; any amount authorised for this order has been released.',
    ];
    if (reason === 'payment_declined') {
      zh.push('您可以更换支付方式后重新下单。');
      en.push('You may place the order again with another payment method.');
    }
    return { subject: { zh: `订单已取消：${orderId}`, en: `Order cancelled: ${orderId}` }, zh, en };
  },
});
