import { Payment } from '../../../db/entities/payment.entity';
import { eventually } from '../../helpers/eventually';
import { openShop, placeOneItemOrder, signUpConsumer, staff } from '../../helpers/order-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';
import { HOUR } from '../../helpers/time';
import type { Principal } from '../../../domain/principal';

// Money the provider refuses to move for good becomes a staff task, end to end: the order
// saga voids an authorisation the gateway will not void (it was captured behind our back),
// the gateway answers 409, and staff get a listed task with a deadline and a mail
// (docs/architecture.md "Workflows": money never waits on a log line; T/QGCML 3125 §4.6, §7.1).
describe('staff tasks: a void the payment provider refuses for good', () => {
  let stack: TestStack;
  let shop: Awaited<ReturnType<typeof openShop>>;
  let buyer: Principal;

  const inject = (method: 'GET' | 'POST', url: string, who: Principal, payload?: object) =>
    stack.app.inject({ method, url, payload, headers: bearer(stack.config, who) });

  beforeAll(async () => {
    stack = await startTestStack({ workers: ['commerce'] });
    shop = await openShop(stack, { price: 1200, deliveryFee: 500, stock: 10 });
    buyer = (await signUpConsumer(stack)).principal;
  });
  afterAll(async () => stack?.close());

  it('opens a listed staff task with a deadline and mails staff; the order still ends cancelled', async () => {
    const order = await placeOneItemOrder(stack, buyer, shop.productId);
    const authorisation = await eventually(async () => {
      const found = await stack.orm.em
        .fork()
        .findOne(Payment, { subjectId: order.id, operation: 'authorize', status: 'succeeded' });
      expect(found?.providerTransactionId).toBeTruthy();
      return found!;
    });
    // Captured outside the platform: the gateway will refuse to void it (409 invalid_state).
    await stack.paymentSandbox.payments.capture({
      authorizationId: authorisation.providerTransactionId!,
      idempotencyKey: `test:${order.id}:capture-behind-our-back`,
    });

    const rejected = await inject('POST', `/orders/${order.id}/reject`, shop.owner, { reason: 'sold out' });
    expect(rejected.json()).toMatchObject({ status: 'cancelled' });

    const open = await eventually(async () => {
      const listed = await inject('GET', '/staff-tasks', staff);
      expect(listed.statusCode).toBe(200);
      const tasks = listed.json().items.filter((task: { subjectId: string }) => task.subjectId === order.id);
      expect(tasks).toHaveLength(1);
      return tasks[0];
    });
    expect(open).toMatchObject({
      kind: 'payment_void_refused',
      subjectType: 'order',
      status: 'open',
      overdue: false,
      reason: expect.stringContaining('invalid_state'),
    });
    // Half a working day of wall time at most: money is held on the consumer's card.
    expect(Date.parse(open.dueAt) - Date.parse(open.openedAt)).toBe(4 * HOUR);
    const mail = await eventually(() => {
      const found = stack.smtp.received.find(
        (m) => m.envelopeTo.includes(stack.config.STAFF_MAIL_TO) && m.parsed.subject?.includes(order.id),
      );
      expect(found?.parsed.text).toContain(`/staff-tasks/${open.id}/done`);
      return found!;
    });
    expect(mail.envelopeTo).toEqual([stack.config.STAFF_MAIL_TO]);

    const done = await inject('POST', `/staff-tasks/${open.id}/done`, staff, { resolution: 'refunded by hand' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneBy: staff.sub, resolution: 'refunded by hand' });
    const again = await inject('POST', `/staff-tasks/${open.id}/done`, staff, { resolution: 'twice' });
    expect(again.statusCode).toBe(409);
    const stillOpen = (await inject('GET', '/staff-tasks', staff)).json().items;
    expect(stillOpen.map((task: { id: string }) => task.id)).not.toContain(open.id);
  });

  it('is for staff only, and a malformed id or an empty resolution is a 4xx naming the field', async () => {
    expect((await inject('GET', '/staff-tasks', buyer)).statusCode).toBe(403);
    const badId = await inject('POST', '/staff-tasks/not-a-uuid/done', staff, { resolution: 'x' });
    expect(badId.statusCode).toBe(400);
    expect(badId.headers['content-type']).toContain('application/problem+json');
    const empty = await inject('POST', '/staff-tasks/00000000-0000-4000-8000-000000000000/done', staff, {
      resolution: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('resolution');
    const missing = await inject('POST', '/staff-tasks/00000000-0000-4000-8000-000000000000/done', staff, {
      resolution: 'done',
    });
    expect(missing.statusCode).toBe(404);
  });
});
