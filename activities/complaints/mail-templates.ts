import { z } from 'zod';
import { complaintCategories, complaintRemedies, type ComplaintRemedy } from '../../domain/complaints';
import { currencySchema, minorUnitsSchema } from '../../domain/money';
import { formatAmount, formatDeadline } from '../shared/mail/format';
import { defineTemplate } from '../shared/mail/template';

// Mail of the complaint process (T/QGCML 3125 §4.7 a response within half a working day,
// §4.8 the platform steps in and may pay first, §5.7 communicate and follow up).

const id = z.string().min(1).max(64);
const isoInstant = z.iso.datetime({ offset: true });
const amount = minorUnitsSchema.positive();
const party = z.enum(['merchant', 'carrier', 'platform']);

const REMEDY_TEXT: Record<ComplaintRemedy, { zh: string; en: string }> = {
  exchange: { zh: '换货', en: 'an exchange' },
  return: { zh: '退货', en: 'a return' },
  compensation: { zh: '赔偿', en: 'compensation' },
  after_sales: { zh: '售后服务', en: 'after-sales service' },
  explanation: { zh: '情况说明', en: 'an explanation' },
};
const PARTY_TEXT = {
  merchant: { zh: '商家', en: 'the merchant' },
  carrier: { zh: '快递公司', en: 'the carrier' },
  platform: { zh: '平台', en: 'the platform' },
} as const;

export const complaintFiledConsumer = defineTemplate({
  data: z.strictObject({ complaintId: id, orderId: id, party, firstResponseBy: isoInstant }),
  compose: ({ complaintId, orderId, party, firstResponseBy }) => ({
    subject: { zh: `投诉已受理：${complaintId}`, en: `Complaint received: ${complaintId}` },
    zh: [
      `我们已收到您关于订单 ${orderId} 的投诉（编号 ${complaintId}），由${PARTY_TEXT[party].zh}负责答复。`,
      `您将在 ${formatDeadline(firstResponseBy)} 之前得到答复；如责任方未按时答复，平台将直接处理。`,
    ],
    en: [
      `We have received your complaint ${complaintId} about order ${orderId}; ${PARTY_TEXT[party].en} is to answer it.`,
      `You will have an answer by ${formatDeadline(firstResponseBy)}; if the party does not answer in time, the platform steps in.`,
    ],
  }),
});

export const complaintFiledParty = defineTemplate({
  data: z.strictObject({ complaintId: id, orderId: id, category: z.enum(complaintCategories), respondBy: isoInstant }),
  compose: ({ complaintId, orderId, category, respondBy }) => ({
    subject: { zh: `新投诉待答复：${complaintId}`, en: `New complaint to answer: ${complaintId}` },
    zh: [
      `订单 ${orderId} 收到一项投诉（类别 ${category}，编号 ${complaintId}）。`,
      `请在 ${formatDeadline(respondBy)} 之前答复。逾期未答复将记为违约，并由平台介入处理。`,
    ],
    en: [
      `Order ${orderId} has a complaint (category ${category}, number ${complaintId}).`,
      `Please answer by ${formatDeadline(respondBy)}. A missed deadline is recorded as a breach and the platform steps in.`,
    ],
  }),
});

export const complaintResponseWarning = defineTemplate({
  data: z.strictObject({ complaintId: id, respondBy: isoInstant }),
  compose: ({ complaintId, respondBy }) => ({
    subject: { zh: `投诉即将逾期：${complaintId}`, en: `Complaint about to be overdue: ${complaintId}` },
    zh: [`投诉 ${complaintId} 尚未答复，答复期限为 ${formatDeadline(respondBy)}。`],
    en: [`Complaint ${complaintId} has no answer yet; the answer is due by ${formatDeadline(respondBy)}.`],
  }),
});

export const complaintResponseConsumer = defineTemplate({
  data: z.strictObject({
    complaintId: id,
    from: party,
    proposal: z.strictObject({ remedy: z.enum(complaintRemedies), amount: amount.optional() }).optional(),
    currency: currencySchema,
  }),
  compose: ({ complaintId, from, proposal, currency }) => {
    const offer = proposal
      ? {
          zh: `对方提出的处理方案：${REMEDY_TEXT[proposal.remedy].zh}${proposal.amount ? ` ${formatAmount(proposal.amount, currency)}` : ''}，请接受或拒绝。`,
          en: `They propose ${REMEDY_TEXT[proposal.remedy].en}${proposal.amount ? ` of ${formatAmount(proposal.amount, currency)}` : ''}; please accept or decline it.`,
        }
      : { zh: '请登录查看完整答复。', en: 'Sign in to read the full answer.' };
    return {
      subject: { zh: `您的投诉有了答复：${complaintId}`, en: `Your complaint has an answer: ${complaintId}` },
      zh: [`${PARTY_TEXT[from].zh}答复了您的投诉 ${complaintId}。`, offer.zh],
      en: [`${PARTY_TEXT[from].en} answered your complaint ${complaintId}.`, offer.en],
    };
  },
});

const OBLIGATION_TEXT = {
  complaint_response: { zh: '责任方答复', en: "the responsible party's answer" },
  complaint_first_response: { zh: '平台首次答复', en: "the platform's first response" },
} as const;

export const complaintOverdueStaff = defineTemplate({
  data: z.strictObject({
    complaintId: id,
    obligation: z.enum(['complaint_response', 'complaint_first_response']),
    party,
    partyId: id,
    dueAt: isoInstant,
  }),
  compose: ({ complaintId, obligation, party, partyId, dueAt }) => ({
    subject: { zh: `投诉升级：${complaintId}`, en: `Complaint escalated: ${complaintId}` },
    zh: [
      `投诉 ${complaintId} 的${OBLIGATION_TEXT[obligation].zh}应于 ${formatDeadline(dueAt)} 前完成，已逾期（责任方：${PARTY_TEXT[party].zh} ${partyId}）。`,
      '请联系责任方并直接答复消费者（T/QGCML 3125 §4.8）。',
    ],
    en: [
      `${OBLIGATION_TEXT[obligation].en} to complaint ${complaintId} was due by ${formatDeadline(dueAt)} and is overdue (party: ${party} ${partyId}).`,
      'Please contact the party and answer the consumer yourselves (T/QGCML 3125 §4.8).',
    ],
  }),
});

const ATTENTION_TEXT = {
  proposal_declined: { zh: '消费者拒绝了责任方的方案', en: "the consumer declined the party's proposal" },
  reopened: { zh: '消费者重新打开了已解决的投诉', en: 'the consumer reopened the resolved complaint' },
  approval_needed: {
    zh: '先行赔付金额超过阈值，需要另一名工作人员批准',
    en: 'an advance compensation above the threshold needs a second staff member to approve it',
  },
  compensation_refused: {
    zh: '支付机构拒绝了赔付，请人工处理',
    en: 'the payment provider refused the compensation payout; it needs a person',
  },
  return_not_possible: {
    zh: '消费者接受了退货方案，但订单已无法退货（超出退货期限或已无可退商品），请人工处理',
    en: 'the consumer accepted a return, but the order can no longer be returned (window passed or nothing left); it needs a person',
  },
} as const;

export const complaintAttentionStaff = defineTemplate({
  data: z.strictObject({
    complaintId: id,
    reason: z.enum(['proposal_declined', 'reopened', 'approval_needed', 'compensation_refused', 'return_not_possible']),
  }),
  compose: ({ complaintId, reason }) => ({
    subject: { zh: `投诉需要处理：${complaintId}`, en: `Complaint needs staff: ${complaintId}` },
    zh: [`投诉 ${complaintId}：${ATTENTION_TEXT[reason].zh}。`],
    en: [`Complaint ${complaintId}: ${ATTENTION_TEXT[reason].en}.`],
  }),
});

export const complaintCompensatedConsumer = defineTemplate({
  data: z.strictObject({ complaintId: id, amount, currency: currencySchema }),
  compose: ({ complaintId, amount, currency }) => ({
    subject: { zh: `赔付已支付：${complaintId}`, en: `Compensation paid: ${complaintId}` },
    zh: [`平台已就投诉 ${complaintId} 向您支付赔付 ${formatAmount(amount, currency)}。`],
    en: [`The platform has paid you ${formatAmount(amount, currency)} for complaint ${complaintId}.`],
  }),
});

export const complaintResolvedConsumer = defineTemplate({
  data: z.strictObject({ complaintId: id, remedy: z.enum(complaintRemedies), reopenBy: isoInstant }),
  compose: ({ complaintId, remedy, reopenBy }) => ({
    subject: { zh: `投诉已解决：${complaintId}`, en: `Complaint resolved: ${complaintId}` },
    zh: [
      `您的投诉 ${complaintId} 已以${REMEDY_TEXT[remedy].zh}方式解决。`,
      `如不满意，您可在 ${formatDeadline(reopenBy)} 之前重新打开该投诉。`,
    ],
    en: [
      `Your complaint ${complaintId} is resolved with ${REMEDY_TEXT[remedy].en}.`,
      `If you are not satisfied, you may reopen it until ${formatDeadline(reopenBy)}.`,
    ],
  }),
});

const claimData = { claimId: id, complaintId: id, currency: currencySchema };

export const recoveryClaimDemandParty = defineTemplate({
  data: z.strictObject({ ...claimData, amount, reason: z.string().min(1).max(500), dueAt: isoInstant }),
  compose: ({ claimId, complaintId, amount, currency, reason, dueAt }) => ({
    subject: { zh: `追偿通知：${claimId}`, en: `Recovery claim: ${claimId}` },
    zh: [
      `平台已就投诉 ${complaintId} 先行赔付消费者，现向贵方追偿 ${formatAmount(amount, currency)}。`,
      `原因：${reason}`,
      `请于 ${formatDeadline(dueAt)} 之前支付；如有异议请附证据提出。`,
    ],
    en: [
      `The platform compensated the consumer first for complaint ${complaintId} and claims ${formatAmount(amount, currency)} from you.`,
      `Reason: ${reason}`,
      `Please pay by ${formatDeadline(dueAt)}, or dispute the claim with evidence.`,
    ],
  }),
});

export const recoveryClaimReminderParty = defineTemplate({
  data: z.strictObject({ ...claimData, outstanding: amount, dueAt: isoInstant, reminder: z.int().positive() }),
  compose: ({ claimId, outstanding, currency, dueAt, reminder }) => ({
    subject: { zh: `追偿提醒（第 ${reminder} 次）：${claimId}`, en: `Recovery claim reminder ${reminder}: ${claimId}` },
    zh: [`追偿 ${claimId} 尚欠 ${formatAmount(outstanding, currency)}，到期时间 ${formatDeadline(dueAt)}。`],
    en: [
      `Recovery claim ${claimId} has ${formatAmount(outstanding, currency)} outstanding, due by ${formatDeadline(dueAt)}.`,
    ],
  }),
});

export const recoveryClaimOverdueStaff = defineTemplate({
  data: z.strictObject({ ...claimData, outstanding: amount, dueAt: isoInstant }),
  compose: ({ claimId, complaintId, outstanding, currency, dueAt }) => ({
    subject: { zh: `追偿逾期：${claimId}`, en: `Recovery claim overdue: ${claimId}` },
    zh: [
      `投诉 ${complaintId} 的追偿 ${claimId} 已于 ${formatDeadline(dueAt)} 到期，尚欠 ${formatAmount(outstanding, currency)}。`,
    ],
    en: [
      `Recovery claim ${claimId} (complaint ${complaintId}) was due by ${formatDeadline(dueAt)}; ${formatAmount(outstanding, currency)} is outstanding.`,
    ],
  }),
});

export const recoveryClaimClosedParty = defineTemplate({
  data: z.strictObject({
    ...claimData,
    recovered: minorUnitsSchema.nonnegative(),
    writtenOff: minorUnitsSchema.nonnegative(),
  }),
  compose: ({ claimId, recovered, writtenOff, currency }) => ({
    subject: { zh: `追偿已结清：${claimId}`, en: `Recovery claim closed: ${claimId}` },
    zh: [
      `追偿 ${claimId} 已结清：已收回 ${formatAmount(recovered, currency)}，核销 ${formatAmount(writtenOff, currency)}。`,
    ],
    en: [
      `Recovery claim ${claimId} is closed: ${formatAmount(recovered, currency)} recovered, ${formatAmount(writtenOff, currency)} written off.`,
    ],
  }),
});

/** Registered in activities/shared/mail/templates.ts. */
export const complaintMailTemplates = {
  complaint_filed_consumer: complaintFiledConsumer,
  complaint_filed_party: complaintFiledParty,
  complaint_response_warning: complaintResponseWarning,
  complaint_response_consumer: complaintResponseConsumer,
  complaint_overdue_staff: complaintOverdueStaff,
  complaint_attention_staff: complaintAttentionStaff,
  complaint_compensated_consumer: complaintCompensatedConsumer,
  complaint_resolved_consumer: complaintResolvedConsumer,
  recovery_claim_demand_party: recoveryClaimDemandParty,
  recovery_claim_reminder_party: recoveryClaimReminderParty,
  recovery_claim_overdue_staff: recoveryClaimOverdueStaff,
  recovery_claim_closed_party: recoveryClaimClosedParty,
};
