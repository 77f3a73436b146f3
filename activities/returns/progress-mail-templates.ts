import { z } from 'zod';
import { formatDeadline } from '../shared/mail/format';
import { defineTemplate } from '../shared/mail/template';

// Mail telling the consumer how a return moves (T/QGCML 3125 §6.4: the consumer is told
// each step): the goods on their way back, received by the merchant, and for an exchange
// the replacement delivered or, when it cannot be, refunded instead. Ids and times only.

const id = z.string().min(1).max(64);
const isoInstant = z.iso.datetime({ offset: true });

const REPLACEMENT_FAILURE_TEXT = {
  out_of_stock: { zh: '换货商品已无库存', en: 'the product is out of stock' },
  returned_to_merchant: { zh: '换货商品未能送达', en: 'the replacement could not be delivered' },
} as const;

/** §6.4, §4.8: an exchange that cannot be fulfilled becomes a refund, and the consumer is told why. */
export const returnExchangeUnavailableConsumer = defineTemplate({
  data: z.strictObject({ returnId: id, orderId: id, why: z.enum(['out_of_stock', 'returned_to_merchant']) }),
  compose: ({ returnId, orderId, why }) => ({
    subject: { zh: `换货改为退款：订单 ${orderId}`, en: `Exchange refunded instead: order ${orderId}` },
    zh: [
      `换货 ${returnId} 无法完成：${REPLACEMENT_FAILURE_TEXT[why].zh}。平台将为已验收的商品向您退款，退款完成后另行通知。`,
    ],
    en: [
      `Exchange ${returnId} cannot be fulfilled: ${REPLACEMENT_FAILURE_TEXT[why].en}. You will be refunded for the accepted goods instead, and told when the refund is made.`,
    ],
  }),
});

/** §6.4: the replacement was delivered through its own handover; the exchange is done. */
export const returnExchangedConsumer = defineTemplate({
  data: z.strictObject({ returnId: id, orderId: id, handoverId: id.max(100) }),
  compose: ({ returnId, orderId, handoverId }) => ({
    subject: { zh: `换货已送达：订单 ${orderId}`, en: `Replacement delivered: order ${orderId}` },
    zh: [`换货 ${returnId} 的新商品已送达（交接流程 ${handoverId}），本次售后已完成。`],
    en: [
      `The replacement of exchange ${returnId} has been delivered (handover ${handoverId}); the exchange is complete.`,
    ],
  }),
});

/** §6.4: the consumer is told each step; the goods are on their way back to the merchant. */
export const returnInTransitConsumer = defineTemplate({
  data: z.strictObject({ returnId: id, orderId: id, shipmentId: z.string().min(1).max(100) }),
  compose: ({ returnId, orderId, shipmentId }) => ({
    subject: { zh: `退货已在运输中：订单 ${orderId}`, en: `Return on its way: order ${orderId}` },
    zh: [`售后 ${returnId} 的退货已由承运商揽收，运单号 ${shipmentId}。商家签收后我们会再通知您。`],
    en: [
      `The carrier has picked up the goods of return ${returnId} (shipment ${shipmentId}). We will tell you when the merchant has received them.`,
    ],
  }),
});

/** §6.4: courier and merchant both signed the return slip; inspection follows. */
export const returnReceivedConsumer = defineTemplate({
  data: z.strictObject({ returnId: id, orderId: id, receivedAt: isoInstant }),
  compose: ({ returnId, orderId, receivedAt }) => ({
    subject: { zh: `商家已签收退货：订单 ${orderId}`, en: `Merchant received your return: order ${orderId}` },
    zh: [
      `商家已于 ${formatDeadline(receivedAt)} 签收售后 ${returnId} 的退货（快递员与商家均已在交接单上签字），接下来将逐件验收。`,
    ],
    en: [
      `The merchant received the goods of return ${returnId} at ${formatDeadline(receivedAt)} (courier and merchant both signed the return slip); they will now be inspected line by line.`,
    ],
  }),
});
