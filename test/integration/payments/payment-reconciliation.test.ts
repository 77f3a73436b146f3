import { randomUUID } from 'node:crypto';
import { Payment } from '../../../db/entities/payment.entity';
import { chinaDate } from '../../../domain/china-time';
import { eventually } from '../../helpers/eventually';
import { openShop, placeOneItemOrder, signUpConsumer, staff } from '../../helpers/order-fixtures';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

// T/QGCML 3125 §4.6 (a named person reconciles with the payment provider) and §7.1
// (timely reconciliation): our records of a day against the provider's settlement.
describe('payment reconciliation against the provider settlement', () => {
  let database: PrivateDatabase;
  let stack: TestStack;
  const today = chinaDate(new Date());
  let orderId: string;
  let buyer: Parameters<typeof bearer>[1];

  const reconcile = async () => {
    const run = await stack.app.inject({
      method: 'POST',
      url: '/reports/payment-reconciliation/runs',
      headers: bearer(stack.config, staff),
      payload: { date: today },
    });
    expect(run.statusCode).toBe(200);
    const report = await stack.app.inject({
      method: 'GET',
      url: `/reports/payment-reconciliation?date=${today}`,
      headers: bearer(stack.config, staff),
    });
    return {
      summary: run.json(),
      items: report.json().items as Array<{ kind: string; providerTransactionId: string }>,
    };
  };

  beforeAll(async () => {
    database = await createPrivateDatabase('payment_reconciliation');
    stack = await startTestStack({ workers: ['commerce'], config: { DATABASE_URL: database.url } });
    const shop = await openShop(stack, { price: 2000, deliveryFee: 500, stock: 10 });
    const { principal } = await signUpConsumer(stack);
    buyer = principal;
    const order = await placeOneItemOrder(stack, principal, shop.productId);
    orderId = order.id;
    await eventually(async () => {
      const confirmed = await stack.app.inject({
        method: 'POST',
        url: `/orders/${order.id}/confirm`,
        headers: bearer(stack.config, shop.owner),
      });
      expect(confirmed.statusCode).toBe(200);
    });
  });
  afterAll(async () => {
    await stack?.close();
    await database?.drop();
  });

  it('finds nothing to report when every capture of the day is settled with the same amount', async () => {
    const { summary, items } = await reconcile();

    expect(summary).toMatchObject({ settlementDate: today, platformRecords: 1, discrepancies: 0 });
    expect(items).toEqual([]);
    // The settlement confirms the day the capture settled, in the consumer's record (§7.1.2).
    const record = await stack.app.inject({
      method: 'GET',
      url: `/orders/${orderId}/payments`,
      headers: bearer(stack.config, buyer),
    });
    const capture = record.json().items.find((p: { operation: string }) => p.operation === 'capture');
    expect(capture).toMatchObject({ operation: 'capture', settlementDate: today });
  });

  it('reports a capture the provider does not know, a changed amount and a settlement we did not record, and tells staff', async () => {
    const em = stack.orm.em.fork();
    const capture = await em.findOneOrFail(Payment, { operation: 'capture' });
    capture.amount += 1;
    const phantom = new Payment({
      subjectType: 'order',
      subjectId: randomUUID(),
      operation: 'capture',
      amount: 999,
      currency: 'CNY',
      status: 'succeeded',
      idempotencyKey: `test:${randomUUID()}`,
    });
    phantom.providerTransactionId = 'cap_unknown_to_provider';
    em.persist(phantom);
    await em.flush();
    const stray = await stack.paymentSandbox.payments.authorize({
      amount: { value: 4200, currency: 'CNY' },
      paymentToken: 'tok_ok',
      reference: 'order-not-on-the-platform',
      idempotencyKey: `test:${randomUUID()}`,
    });
    if (stray.status !== 'authorized') throw new Error('the sandbox declined');
    const strayCapture = await stack.paymentSandbox.payments.capture({
      authorizationId: stray.authorizationId,
      idempotencyKey: `test:${randomUUID()}`,
    });

    const { summary, items } = await reconcile();

    expect(summary.discrepancies).toBe(3);
    expect(items.map((item) => [item.kind, item.providerTransactionId]).sort()).toEqual(
      [
        ['amount_mismatch', capture.providerTransactionId],
        ['missing_at_platform', strayCapture.captureId],
        ['missing_at_provider', 'cap_unknown_to_provider'],
      ].sort(),
    );
    expect(stack.smtp.received.some((mail) => mail.envelopeTo.includes(stack.config.STAFF_MAIL_TO))).toBe(true);
  });

  it('is for staff only', async () => {
    const { principal } = await signUpConsumer(stack);
    const response = await stack.app.inject({
      method: 'GET',
      url: `/reports/payment-reconciliation?date=${today}`,
      headers: bearer(stack.config, principal),
    });
    expect(response.statusCode).toBe(403);
  });
});
