import { z } from 'zod';
import { formatDeadline } from '../shared/mail/format';
import { defineTemplate } from '../shared/mail/template';

// Mail of the delivery handover process and its supervision (T/QGCML 3125 §6.1 delivery
// and cash-on-delivery as contracted, §6.2.2 handover within the agreed time). Ids,
// times and counts only: no contact data (the recipient's address is never in a template).

const orderId = z.string().min(1).max(64);
const isoInstant = z.iso.datetime({ offset: true });
const obligation = z.enum(['handover', 'delivery', 'cod_remittance']);
const OBLIGATION_TEXT = {
  handover: { zh: '交接', en: 'handover' },
  delivery: { zh: '配送', en: 'delivery' },
  cod_remittance: { zh: '货到付款回款', en: 'cash-on-delivery remittance' },
} as const;

export const orderHandedOverConsumer = defineTemplate({
  data: z.strictObject({
    orderId,
    shipmentId: z.string().min(1).max(100),
    carrierName: z.string().min(1).max(200),
    deliverBy: isoInstant,
  }),
  compose: ({ orderId, shipmentId, carrierName, deliverBy }) => ({
    subject: { zh: `订单已交付快递：${orderId}`, en: `Order handed to the carrier: ${orderId}` },
    zh: [
      `您的订单 ${orderId} 已由商家交给 ${carrierName}，运单号 ${shipmentId}。`,
      `承诺送达时间：${formatDeadline(deliverBy)} 之前。`,
    ],
    en: [
      `The merchant handed your order ${orderId} to ${carrierName}; tracking number ${shipmentId}.`,
      `It is due to be delivered by ${formatDeadline(deliverBy)}.`,
    ],
  }),
});

export const orderDeliveredConsumer = defineTemplate({
  data: z.strictObject({ orderId, deliveredAt: isoInstant }),
  compose: ({ orderId, deliveredAt }) => ({
    subject: { zh: `订单已送达：${orderId}`, en: `Order delivered: ${orderId}` },
    zh: [`您的订单 ${orderId} 已于 ${formatDeadline(deliveredAt)} 送达。如有问题，请在订单页面提出投诉。`],
    en: [
      `Your order ${orderId} was delivered at ${formatDeadline(deliveredAt)}. If anything is wrong, you can file a complaint from the order page.`,
    ],
  }),
});

export const handoverOverdueMerchant = defineTemplate({
  data: z.strictObject({ orderId, handoverBy: isoInstant }),
  compose: ({ orderId, handoverBy }) => ({
    subject: { zh: `提醒：订单 ${orderId} 交接已逾期`, en: `Reminder: the handover of order ${orderId} is overdue` },
    zh: [
      `订单 ${orderId} 应于 ${formatDeadline(handoverBy)} 之前完成交接（交接单由商家和快递双方签字），现已逾期，并已记为违约。请尽快完成交接。`,
    ],
    en: [
      `Order ${orderId} was due to be handed over (a slip signed by you and the courier) by ${formatDeadline(handoverBy)}. It is overdue and recorded as a missed deadline; please complete the handover now.`,
    ],
  }),
});

export const deliveryReturnedMerchant = defineTemplate({
  data: z.strictObject({ orderId, shipmentId: z.string().min(1).max(100), attempts: z.int().positive() }),
  compose: ({ orderId, shipmentId, attempts }) => ({
    subject: {
      zh: `订单 ${orderId} 投递失败，退回商家`,
      en: `Order ${orderId} could not be delivered and is returned to you`,
    },
    zh: [`运单 ${shipmentId} 投递 ${attempts} 次均失败，货物将退回您的店铺。请联系消费者并处理后续事宜。`],
    en: [
      `Delivery of shipment ${shipmentId} failed ${attempts} times; the goods are being returned to your shop. Please contact the consumer about what happens next.`,
    ],
  }),
});

export const slaBreachStaff = defineTemplate({
  data: z.strictObject({
    orderId,
    obligation,
    party: z.enum(['merchant', 'carrier']),
    partyId: z.string().min(1).max(64),
    dueAt: isoInstant,
  }),
  compose: ({ orderId, obligation, party, partyId, dueAt }) => ({
    subject: {
      zh: `违约：订单 ${orderId} ${OBLIGATION_TEXT[obligation].zh}逾期`,
      en: `Breach: ${OBLIGATION_TEXT[obligation].en} of order ${orderId} overdue`,
    },
    zh: [
      `订单 ${orderId} 的${OBLIGATION_TEXT[obligation].zh}应于 ${formatDeadline(dueAt)} 前完成，已逾期。责任方：${party === 'merchant' ? '商家' : '快递'} ${partyId}。`,
    ],
    en: [
      `The ${OBLIGATION_TEXT[obligation].en} of order ${orderId} was due by ${formatDeadline(dueAt)} and is overdue. Party charged: ${party} ${partyId}.`,
    ],
  }),
});

export const reconciliationDiscrepanciesStaff = defineTemplate({
  data: z.strictObject({
    runDate: z.iso.date(),
    count: z.int().positive(),
    items: z
      .array(z.strictObject({ kind: z.string().min(1).max(32), orderId }))
      .min(1)
      .max(200),
  }),
  compose: ({ runDate, count, items }) => {
    const lines = items.map((item) => `· ${item.kind} — ${item.orderId}`).join('\n');
    return {
      subject: { zh: `对账差异（${runDate}）：${count} 项`, en: `Reconciliation discrepancies (${runDate}): ${count}` },
      zh: [
        `${runDate} 的交接单对账发现 ${count} 项差异：`,
        { pre: lines },
        '详情见 GET /reconciliation/discrepancies。',
      ],
      en: [
        `The handover reconciliation of ${runDate} found ${count} discrepancies (listed above); details at GET /reconciliation/discrepancies.`,
      ],
    };
  },
});
