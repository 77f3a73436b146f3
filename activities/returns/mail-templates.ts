import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from '../../domain/money';
import { returnReasonSchema, returnTypeSchema } from '../../domain/returns';
import { formatAmount, formatDeadline } from '../shared/mail/format';
import { defineTemplate } from '../shared/mail/template';

// Mail of the returnRefund process (T/QGCML 3125 §6.4: the consumer is told each step, the
// platform's finance is told of each refund; §4.8 staff step in for a silent party;
// §7.1.2 a refund that does not go through is a task for staff). Ids, amounts and times only.

const id = z.string().min(1).max(64);
const isoInstant = z.iso.datetime({ offset: true });
const refund = z.strictObject({ amount: minorUnitsSchema.nonnegative(), currency: currencySchema });
const obligation = z.enum(['return_approval', 'return_shipment', 'return_inspection', 'refund']);
const OBLIGATION_TEXT = {
  return_approval: { zh: '退货审核', en: 'decision on a return request' },
  return_shipment: { zh: '退货运输', en: 'return shipment' },
  return_inspection: { zh: '退货验收', en: 'inspection of returned goods' },
  refund: { zh: '退款', en: 'refund' },
} as const;
const KIND_TEXT = {
  return: { zh: '退货退款', en: 'return' },
  exchange: { zh: '换货', en: 'exchange' },
  refund_only: { zh: '仅退款', en: 'refund only' },
  goodwill: { zh: '平台补偿退款', en: 'goodwill refund' },
} as const;

export const returnRequestedMerchant = defineTemplate({
  data: z.strictObject({
    returnId: id,
    orderId: id,
    type: returnTypeSchema,
    reason: returnReasonSchema,
    approveBy: isoInstant,
    items: z.array(z.strictObject({ name: z.string().min(1).max(200), quantity: z.int().positive() })).min(1),
  }),
  compose: ({ returnId, orderId, type, reason, approveBy, items }) => {
    const lines = items.map((item) => `· ${item.name} × ${item.quantity}`).join('\n');
    return {
      subject: {
        zh: `售后申请（${KIND_TEXT[type].zh}）：订单 ${orderId}`,
        en: `Return request (${KIND_TEXT[type].en}) on order ${orderId}`,
      },
      zh: [
        `消费者对订单 ${orderId} 提出${KIND_TEXT[type].zh}申请 ${returnId}（原因：${reason}）：`,
        { pre: lines },
        `请于 ${formatDeadline(approveBy)} 前同意或拒绝；逾期未处理，平台将代为同意并记录违约。`,
      ],
      en: [
        `The consumer asks for a ${KIND_TEXT[type].en} (${returnId}, reason: ${reason}) of the items listed above.`,
        `Please approve or reject by ${formatDeadline(approveBy)}; after that the platform approves on your behalf and records a breach.`,
      ],
    };
  },
});

export const returnDecidedConsumer = defineTemplate({
  data: z.strictObject({
    returnId: id,
    orderId: id,
    outcome: z.enum(['approved', 'approved_by_platform', 'rejected']),
    reason: z.string().min(1).max(500).optional(),
  }),
  compose: ({ returnId, orderId, outcome, reason }) =>
    outcome === 'rejected'
      ? {
          subject: { zh: `售后申请被拒绝：订单 ${orderId}`, en: `Return request rejected: order ${orderId}` },
          zh: [`商家拒绝了您的售后申请 ${returnId}，理由：${reason ?? '未说明'}。如有异议，您可以发起投诉。`],
          en: [
            `The merchant rejected your request ${returnId}: ${reason ?? 'no reason given'}. You can take it further as a complaint.`,
          ],
        }
      : {
          subject: { zh: `售后申请已同意：订单 ${orderId}`, en: `Return request approved: order ${orderId}` },
          zh: [
            `${outcome === 'approved_by_platform' ? '商家未在时限内处理，平台已代为同意' : '商家已同意'}您的售后申请 ${returnId}。`,
          ],
          en: [
            `${outcome === 'approved_by_platform' ? 'The merchant did not answer in time, so the platform approved' : 'The merchant approved'} your request ${returnId}.`,
          ],
        },
});

export const returnInspectionFailedConsumer = defineTemplate({
  data: z.strictObject({ returnId: id, orderId: id }),
  compose: ({ returnId, orderId }) => ({
    subject: { zh: `退货验收未通过：订单 ${orderId}`, en: `Returned goods not accepted: order ${orderId}` },
    zh: [`商家验收退货 ${returnId} 后未接受任何商品，验收明细见售后详情。如有异议，您可以发起投诉。`],
    en: [
      `The merchant accepted none of the goods of return ${returnId}; the inspection lines are on the return. You can take it further as a complaint.`,
    ],
  }),
});

export const returnRefundedConsumer = defineTemplate({
  data: z.strictObject({
    returnId: id,
    orderId: id,
    refund,
    deliveryFee: minorUnitsSchema.nonnegative(),
    transactionId: id,
  }),
  compose: ({ returnId, orderId, refund, deliveryFee, transactionId }) =>
    refund.amount === 0
      ? nothingRefunded(returnId, orderId)
      : refundMade({ returnId, orderId, refund, deliveryFee, transactionId }),
});

/** A return that closes with nothing to pay says so, never "refunded ¥0.00" (§6.4). */
function nothingRefunded(returnId: string, orderId: string) {
  return {
    subject: { zh: `售后已完成，无退款：订单 ${orderId}`, en: `Return closed, nothing refunded: order ${orderId}` },
    zh: [
      `售后 ${returnId} 已完成，但没有可退的金额（订单已付款项已全部退还，或没有商品计入退款），因此未发生退款。如有异议，您可以发起投诉。`,
    ],
    en: [
      `Return ${returnId} is closed with nothing to refund: no money is left to give back on the order, or nothing counted towards a refund. You can take it further as a complaint.`,
    ],
  };
}

function refundMade({
  returnId,
  orderId,
  refund,
  deliveryFee,
  transactionId,
}: {
  returnId: string;
  orderId: string;
  refund: { amount: number; currency: 'CNY' };
  deliveryFee: number;
  transactionId: string;
}) {
  return {
    subject: { zh: `退款已完成：订单 ${orderId}`, en: `Refund made: order ${orderId}` },
    zh: [
      `售后 ${returnId} 已退款 ${formatAmount(refund.amount, refund.currency)}（含配送费 ${formatAmount(deliveryFee, refund.currency)}），支付流水号 ${transactionId}。`,
      '您可在订单的支付记录中查询和核对。',
    ],
    en: [
      `Return ${returnId}: ${formatAmount(refund.amount, refund.currency)} refunded (delivery fee ${formatAmount(deliveryFee, refund.currency)} included), payment transaction ${transactionId}.`,
      "You can check it in the order's payment record.",
    ],
  };
}

export const refundNoticeFinance = defineTemplate({
  data: z.strictObject({ returnId: id, orderId: id, refund, transactionId: id }),
  compose: ({ returnId, orderId, refund, transactionId }) => ({
    subject: {
      zh: `退款通知：${formatAmount(refund.amount, refund.currency)}`,
      en: `Refund notice: return ${returnId}`,
    },
    zh: [
      `订单 ${orderId} 售后 ${returnId} 退款 ${formatAmount(refund.amount, refund.currency)}，支付流水号 ${transactionId}；将计入每日支付对账。`,
    ],
    en: [
      `Order ${orderId}, return ${returnId}: refund of ${formatAmount(refund.amount, refund.currency)}, transaction ${transactionId}; part of the daily payment reconciliation.`,
    ],
  }),
});

export const refundPendingStaff = defineTemplate({
  data: z.strictObject({ returnId: id, orderId: id, refund, refundBy: isoInstant, reason: z.string().min(1).max(500) }),
  compose: ({ returnId, orderId, refund, refundBy, reason }) => ({
    subject: { zh: `待办：退款未到账（售后 ${returnId}）`, en: `Task: refund not through (return ${returnId})` },
    zh: [
      `订单 ${orderId} 售后 ${returnId} 的退款 ${formatAmount(refund.amount, refund.currency)} 仍未成功，应于 ${formatDeadline(refundBy)} 前完成。原因：${reason}。`,
      '系统仍在重试；请联系支付服务商处理。待办列表：GET /returns?status=refund_pending。',
    ],
    en: [
      `The refund of ${formatAmount(refund.amount, refund.currency)} for return ${returnId} (order ${orderId}) has not gone through and is due by ${formatDeadline(refundBy)}. Reason: ${reason}.`,
      'It is still being retried; please take it up with the payment provider. Work queue: GET /returns?status=refund_pending.',
    ],
  }),
});

export const returnBreachStaff = defineTemplate({
  data: z.strictObject({
    returnId: id,
    orderId: id,
    obligation,
    party: z.enum(['merchant', 'carrier', 'platform']),
    partyId: id,
    dueAt: isoInstant,
  }),
  compose: ({ returnId, orderId, obligation, party, partyId, dueAt }) => ({
    subject: {
      zh: `违约：售后 ${returnId} ${OBLIGATION_TEXT[obligation].zh}逾期`,
      en: `Breach: ${OBLIGATION_TEXT[obligation].en} of return ${returnId} overdue`,
    },
    zh: [
      `订单 ${orderId} 售后 ${returnId} 的${OBLIGATION_TEXT[obligation].zh}应于 ${formatDeadline(dueAt)} 前完成，已逾期。责任方：${party} ${partyId}。`,
    ],
    en: [
      `The ${OBLIGATION_TEXT[obligation].en} of return ${returnId} (order ${orderId}) was due by ${formatDeadline(dueAt)}. Party charged: ${party} ${partyId}.`,
    ],
  }),
});

export const returnDeadlineReminderMerchant = defineTemplate({
  data: z.strictObject({ returnId: id, orderId: id, step: z.enum(['approval', 'inspection']), dueAt: isoInstant }),
  compose: ({ returnId, orderId, step, dueAt }) => ({
    subject: {
      zh: `提醒：售后 ${returnId} 待${step === 'approval' ? '审核' : '验收'}`,
      en: `Reminder: return ${returnId} awaits your ${step === 'approval' ? 'decision' : 'inspection'}`,
    },
    zh: [
      `订单 ${orderId} 的售后 ${returnId} 请于 ${formatDeadline(dueAt)} 前${step === 'approval' ? '同意或拒绝' : '完成验收'}；逾期平台将代为处理并记录违约。`,
    ],
    en: [
      `Please ${step === 'approval' ? 'approve or reject' : 'inspect'} return ${returnId} (order ${orderId}) by ${formatDeadline(dueAt)}; after that the platform acts on your behalf and records a breach.`,
    ],
  }),
});

export const returnRefundPendingConsumer = defineTemplate({
  data: z.strictObject({ returnId: id, orderId: id, refund, reason: z.string().min(1).max(500) }),
  compose: ({ returnId, orderId, refund, reason }) => ({
    subject: { zh: `退款处理中：订单 ${orderId}`, en: `Refund in progress: order ${orderId}` },
    zh: [
      `售后 ${returnId} 的退款 ${formatAmount(refund.amount, refund.currency)} 暂未到账（${reason}）。平台工作人员已介入，系统将继续重试；您可在售后详情中查询进度。`,
    ],
    en: [
      `The refund of ${formatAmount(refund.amount, refund.currency)} for return ${returnId} has not gone through yet (${reason}). Staff are on it and it keeps being retried; the return shows its progress.`,
    ],
  }),
});
