import { classifySendError } from '../../../activities/shared/mail/send-errors';
import {
  InvalidMailDataError,
  MAIL_PURPOSES,
  renderMail,
  UnknownMailTemplateError,
} from '../../../activities/shared/mail/templates';
import { messageIdFor } from '../../../activities/shared/providers/mailer';
import { complaintMailExamples } from '../complaints/complaint-mail-examples';

const order = {
  orderId: 'ord-7',
  confirmBy: '2026-10-09T09:00:00Z',
  items: [{ name: '<b>龙井</b> 250g', quantity: 1 }],
  amounts: { goods: 26800, delivery: 0, total: 26800, currency: 'CNY' },
};
const examples: Record<string, unknown> = {
  order_placed_merchant: order,
  order_received_consumer: order,
  order_confirmation_reminder_merchant: { orderId: 'ord-7', confirmBy: order.confirmBy },
  order_confirmed_consumer: { orderId: 'ord-7', amounts: order.amounts },
  order_cancelled_consumer: { orderId: 'ord-7', reason: 'confirmation_overdue' },
  ops_report: { subject: 'drill-1 passed', body: 'RTO  12m 03s\nRPO  0s' },
  order_handed_over_consumer: {
    orderId: 'ord-7',
    shipmentId: 'shp_1',
    carrierName: 'SF Express',
    deliverBy: '2026-10-12T09:00:00Z',
  },
  order_delivered_consumer: { orderId: 'ord-7', deliveredAt: '2026-10-11T09:00:00Z' },
  handover_overdue_merchant: { orderId: 'ord-7', handoverBy: '2026-10-10T09:00:00Z' },
  delivery_returned_merchant: { orderId: 'ord-7', shipmentId: 'shp_1', attempts: 2 },
  sla_breach_staff: {
    orderId: 'ord-7',
    obligation: 'delivery',
    party: 'carrier',
    partyId: 'k-1',
    dueAt: '2026-10-12T09:00:00Z',
  },
  reconciliation_discrepancies_staff: {
    runDate: '2026-10-13',
    count: 1,
    items: [{ kind: 'count_mismatch', orderId: 'ord-7' }],
  },
  payment_reconciliation_discrepancies_staff: {
    settlementDate: '2026-10-13',
    platformRecords: 4,
    providerRecords: 5,
    discrepancies: 1,
  },
  holiday_year_missing_staff: { year: 2027, deadline: '2027-01-04T09:00:00Z' },
  ...complaintMailExamples,
  return_requested_merchant: {
    returnId: 'ret-1',
    orderId: 'ord-7',
    type: 'return',
    reason: 'damaged',
    approveBy: '2026-10-14T09:00:00Z',
    items: [{ name: '龙井 250g', quantity: 1 }],
  },
  return_decided_consumer: { returnId: 'ret-1', orderId: 'ord-7', outcome: 'rejected', reason: 'used goods' },
  return_inspection_failed_consumer: { returnId: 'ret-1', orderId: 'ord-7' },
  return_exchange_unavailable_consumer: { returnId: 'ret-1', orderId: 'ord-7', why: 'out_of_stock' },
  return_exchanged_consumer: { returnId: 'ret-1', orderId: 'ord-7', handoverId: 'handover:return:ret-1' },
  return_in_transit_consumer: { returnId: 'ret-1', orderId: 'ord-7', shipmentId: 'SHP-1' },
  return_received_consumer: { returnId: 'ret-1', orderId: 'ord-7', receivedAt: '2026-10-14T09:00:00Z' },
  return_refunded_consumer: {
    returnId: 'ret-1',
    orderId: 'ord-7',
    refund: { amount: 27800, currency: 'CNY' },
    deliveryFee: 1000,
    transactionId: 'rf_1',
  },
  refund_notice_finance: {
    returnId: 'ret-1',
    orderId: 'ord-7',
    refund: { amount: 27800, currency: 'CNY' },
    transactionId: 'rf_1',
  },
  refund_pending_staff: {
    returnId: 'ret-1',
    orderId: 'ord-7',
    refund: { amount: 27800, currency: 'CNY' },
    refundBy: '2026-10-20T09:00:00Z',
    reason: 'provider unavailable',
  },
  return_deadline_reminder_merchant: {
    returnId: 'ret-1',
    orderId: 'ord-7',
    step: 'approval',
    dueAt: '2026-10-14T09:00:00Z',
  },
  return_refund_pending_consumer: {
    returnId: 'ret-1',
    orderId: 'ord-7',
    refund: { amount: 27800, currency: 'CNY' },
    reason: 'provider unavailable',
  },
  return_breach_staff: {
    returnId: 'ret-1',
    orderId: 'ord-7',
    obligation: 'return_approval',
    party: 'merchant',
    partyId: 'm-1',
    dueAt: '2026-10-14T09:00:00Z',
  },
  staff_task_opened_staff: {
    taskId: '0b9d6f0e-3c55-4b7e-9a39-6f1c2e1d8a10',
    kind: 'payment_void_refused',
    subjectType: 'order',
    subjectId: 'ord-7',
    reason: 'PaymentRequestRejected: payment provider rejected the request (409 invalid_state)',
    dueAt: '2026-10-12T09:00:00Z',
  },
};

describe('mail templates: one bilingual message per purpose', () => {
  it.each(MAIL_PURPOSES)('%s renders Chinese first, then English, in subject, text and html', (purpose) => {
    const mail = renderMail(purpose, examples[purpose]);

    const [zhSubject, enSubject] = mail.subject.split(' / ');
    expect(zhSubject).toMatch(/[\u4e00-\u9fff]/);
    expect(enSubject).toMatch(/^[\x20-\x7e]+$/);
    const divider = mail.text.indexOf('-'.repeat(40));
    expect(mail.text.slice(0, divider)).toMatch(/[\u4e00-\u9fff]/);
    expect(mail.text.slice(divider)).toContain('This message was sent automatically');
    expect(mail.html.indexOf('lang="zh-CN"')).toBeLessThan(mail.html.indexOf('lang="en"'));
  });

  it('shows the deadline in Beijing time and the goods amount and delivery fee separately (§4.7, §5.4)', () => {
    const mail = renderMail('order_placed_merchant', order);

    expect(mail.text).toContain('请在 2026-10-09 17:00 (北京时间 / China Standard Time) 之前确认');
    expect(mail.text).toContain('商品金额：¥268.00 (CNY)\n配送费：¥0.00 (CNY)\n合计：¥268.00 (CNY)');
    expect(mail.text).toContain('Goods: ¥268.00 (CNY)\nDelivery fee: ¥0.00 (CNY)\nTotal: ¥268.00 (CNY)');
  });

  it('a return closed with nothing to refund says so, never "refunded ¥0.00" (§6.4)', () => {
    const mail = renderMail('return_refunded_consumer', {
      returnId: 'ret-1',
      orderId: 'ord-7',
      refund: { amount: 0, currency: 'CNY' },
      deliveryFee: 0,
      transactionId: 'pending',
    });

    expect(mail.subject).toContain('nothing refunded');
    expect(mail.text).toContain('未发生退款');
    expect(mail.text).toContain('closed with nothing to refund');
    expect(mail.text).not.toContain('¥0.00');
  });

  it('escapes data in the html part', () => {
    const { html } = renderMail('order_received_consumer', order);
    expect(html).toContain('&lt;b&gt;龙井&lt;/b&gt; 250g × 1');
    expect(html).not.toContain('<b>龙井');
  });

  it.each([
    ['merchant_rejected', '商家拒绝了该订单', 'the merchant declined the order'],
    ['confirmation_overdue', '商家未在承诺的时限内确认订单', 'did not confirm the order within the promised time'],
    ['consumer_cancelled', '您在商家确认前取消了订单', 'you cancelled the order'],
    ['payment_declined', '支付未获授权', 'the payment was declined'],
    ['processing_failed', '订单处理失败', 'the order could not be processed'],
  ])('explains the cancel reason %s in both languages', (reason, zh, en) => {
    const { text } = renderMail('order_cancelled_consumer', { orderId: 'ord-7', reason });
    expect(text).toContain(zh);
    expect(text).toContain(en);
    expect(text).not.toContain(reason);
  });

  it('keeps an ops report body exactly as given, preformatted', () => {
    const { html, text } = renderMail('ops_report', examples.ops_report);
    expect(text).toContain('RTO  12m 03s\nRPO  0s');
    expect(html).toContain('<pre>RTO  12m 03s\nRPO  0s</pre>');
  });

  it('refuses an unknown purpose, naming the known ones', () => {
    expect(() => renderMail('order_teleported', {})).toThrow(UnknownMailTemplateError);
    expect(() => renderMail('toString', {})).toThrow(/known: order_placed_merchant/);
  });

  it('refuses data with fields the template does not need (no contact data slips in), naming fields not values', () => {
    const render = () =>
      renderMail('order_confirmed_consumer', {
        ...(examples.order_confirmed_consumer as object),
        email: 'x@example.com',
      });
    expect(render).toThrow(InvalidMailDataError);
    expect(render).toThrow(/email/);
    expect(render).not.toThrow(/x@example\.com/);
    expect(() =>
      renderMail('order_placed_merchant', { ...order, amounts: { ...order.amounts, goods: 268.5 } }),
    ).toThrow(/amounts\.goods/);
    expect(() => renderMail('order_cancelled_consumer', { orderId: 'ord-7', reason: 'bored' })).toThrow(/reason/);
  });
});

describe('mail delivery: Message-ID and error classification', () => {
  it('derives a valid, deterministic Message-ID from the idempotency key and the sender domain', () => {
    const id = messageIdFor('order:ord-7:order_placed_merchant', 'StoreOps <noreply@shop.example.cn>');
    expect(id).toBe('<order=3Aord-7=3Aorder_placed_merchant@shop.example.cn>');
    expect(messageIdFor('order:ord-7:order_placed_merchant', 'noreply@shop.example.cn')).toBe(id);
    expect(messageIdFor('订单', 'noreply@x.cn')).toMatch(/^<[A-Za-z0-9=_-]+@x\.cn>$/);
  });

  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, message: 'mailbox <a@b.cn> unavailable' }, 'permanent'],
    [{ code: 'EMESSAGE', responseCode: 554, message: 'message refused' }, 'permanent'],
    [{ code: 'EENVELOPE', responseCode: 451, message: 'try again later' }, 'transient'],
    [{ code: 'EAUTH', responseCode: 535, message: 'bad credentials' }, 'transient'],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'transient'],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, 'transient'],
    [new Error('ENOSPC: no space left on device'), 'transient'],
  ])('classifies %o as %s', (error, kind) => {
    expect(classifySendError(error).kind).toBe(kind);
  });

  it('masks addresses in the stored error text', () => {
    const { summary } = classifySendError({
      code: 'EENVELOPE',
      responseCode: 550,
      message: 'rcpt li.lei@example.com refused',
    });
    expect(summary).toBe('EENVELOPE 550: rcpt <address> refused');
  });
});
