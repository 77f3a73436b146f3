import { randomUUID } from 'node:crypto';
import { Order } from '../../../db/entities/order.entity';
import { Product } from '../../../db/entities/product.entity';
import type { Principal } from '../../../domain/principal';
import { handoverWorkflowId } from '../../../workflows/delivery/delivery-handover.definitions';
import { orderWorkflowId } from '../../../workflows/order/order-confirmation.definitions';
import { searchAttributes } from '../../../workflows/shared/search-attributes';
import { eventually } from '../../helpers/eventually';
import { openShop, shippingAddress, signUpConsumer } from '../../helpers/order-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

// Orders end to end through HTTP: API → Temporal → worker → Postgres, the sandbox payment
// gateway and a real SMTP server (T/QGCML 3125 §4.7 confirmation control, §5.3, §5.4, §7.1).
describe('orders: placing, confirming, rejecting, cancelling', () => {
  let stack: TestStack;
  let shop: Awaited<ReturnType<typeof openShop>>;
  let buyer: Principal;

  const inject = (method: 'GET' | 'POST', url: string, who: Principal, payload?: object, key?: string) =>
    stack.app.inject({
      method,
      url,
      payload,
      headers: { ...bearer(stack.config, who), ...(key ? { 'idempotency-key': key } : {}) },
    });
  const orderBody = (quantity = 2, token = 'tok_ok') => ({
    items: [{ productId: shop.productId, quantity }],
    shippingAddress,
    payment: { method: 'card', token },
  });
  const place = (who: Principal = buyer, body: object = orderBody(), key = `key-${randomUUID()}`) =>
    inject('POST', '/orders', who, body, key);
  const stockLeft = async () => (await stack.orm.em.fork().findOneOrFail(Product, { id: shop.productId })).stock;
  const orderStatus = async (id: string) => (await inject('GET', `/orders/${id}`, buyer)).json();

  beforeAll(async () => {
    stack = await startTestStack({ workers: ['commerce'] });
    shop = await openShop(stack, { price: 3850, deliveryFee: 800, stock: 1000 });
    buyer = (await signUpConsumer(stack)).principal;
  });
  afterAll(async () => stack?.close());

  it('places an order showing goods and delivery apart, and confirming it captures the payment once (§4.7, §5.4)', async () => {
    const placed = await place();

    expect(placed.statusCode).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({
      status: 'awaiting_confirmation',
      amounts: { goods: 7700, delivery: 800, total: 8500, currency: 'CNY' },
      merchantId: shop.merchantId,
    });
    expect(Date.parse(order.confirmBy)).toBeGreaterThan(Date.now());

    await eventually(async () =>
      expect((await orderStatus(order.id)).timeline.map((e: { type: string }) => e.type)).toContain(
        'payment_authorized',
      ),
    );
    const confirmed = await inject('POST', `/orders/${order.id}/confirm`, shop.owner);

    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ id: order.id, status: 'confirmed' });
    const view = await orderStatus(order.id);
    expect(view.status).toBe('confirmed');
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['placed', 'payment_authorized', 'payment_captured', 'confirmed']),
    );
    const ledger = await stack.paymentSandbox.ledger(order.id);
    expect(ledger?.captures).toBe(1);
    const described = await stack.temporal.workflow.getHandle(orderWorkflowId(order.id)).describe();
    expect(described.typedSearchAttributes.get(searchAttributes.orderId)).toBe(order.id);
    expect(described.typedSearchAttributes.get(searchAttributes.merchantId)).toBe(shop.merchantId);
    expect(described.typedSearchAttributes.get(searchAttributes.businessStatus)).toBe('confirmed');
    // The Temporal UI's User Metadata: ids, amounts and the deadline, no personal data.
    expect(await described.staticSummary()).toBe(`Order ${order.id}: ¥85.00, confirm by ${order.confirmBy}`);
    expect(await described.staticDetails()).not.toContain(shippingAddress.name);
    const handover = await eventually(async () => {
      const child = await stack.temporal.workflow.getHandle(handoverWorkflowId(order.id)).describe();
      expect(child.typedSearchAttributes.get(searchAttributes.businessStatus)).toBe('awaiting_handover');
      return child;
    });
    expect(handover.typedSearchAttributes.get(searchAttributes.orderId)).toBe(order.id);
    expect(handover.typedSearchAttributes.get(searchAttributes.merchantId)).toBe(shop.merchantId);
    expect(handover.typedSearchAttributes.get(searchAttributes.dueAt)).toBeInstanceOf(Date);
    expect(await handover.staticSummary()).toContain(`Handover of order ${order.id}`);
    const payments = (await inject('GET', `/orders/${order.id}/payments`, buyer)).json().items;
    expect(payments.map((p: { operation: string; amount: number }) => [p.operation, p.amount])).toEqual([
      ['authorize', 8500],
      ['capture', 8500],
    ]);
    await eventually(() => {
      const subjects = stack.smtp.received.map((mail) => [mail.envelopeTo[0], mail.parsed.subject ?? '']);
      expect(subjects.some(([to]) => to === shop.contactEmail)).toBe(true);
      expect(subjects.filter(([to]) => to !== shop.contactEmail).length).toBeGreaterThanOrEqual(2);
    });
  });

  it('a rejected order is cancelled with the reason: authorisation voided, stock back, confirming it later is 409', async () => {
    const before = await stockLeft();
    const order = (await place()).json();
    expect(await stockLeft()).toBe(before - 2);
    await eventually(async () =>
      expect((await stack.paymentSandbox.ledger(order.id))?.authorizations.authorized).toBe(1),
    );

    const rejected = await inject('POST', `/orders/${order.id}/reject`, shop.owner, {
      reason: 'sold out at the warehouse',
    });

    expect(rejected.json()).toEqual({ id: order.id, status: 'cancelled', cancelReason: 'merchant_rejected' });
    expect(await stockLeft()).toBe(before);
    const ledger = await stack.paymentSandbox.ledger(order.id);
    expect(ledger?.authorizations.authorized).toBe(0);
    expect(ledger?.captures).toBe(0);
    const late = await inject('POST', `/orders/${order.id}/confirm`, shop.owner);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('cancelled');
  });

  it('a replay of the request after the order’s process has ended answers with the order and starts no second process', async () => {
    const key = `key-${randomUUID()}`;
    const order = (await place(buyer, orderBody(), key)).json();
    await eventually(async () =>
      expect((await stack.paymentSandbox.ledger(order.id))?.authorizations.authorized).toBe(1),
    );
    await inject('POST', `/orders/${order.id}/reject`, shop.owner, { reason: 'sold out' });
    const handle = stack.temporal.workflow.getHandle(orderWorkflowId(order.id));
    await handle.result();
    const { runId } = await handle.describe();

    const replay = await place(buyer, orderBody(), key);

    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ id: order.id, status: 'cancelled' });
    const after = await handle.describe();
    expect(after.runId).toBe(runId);
    expect(after.status.name).toBe('COMPLETED');
  });

  it('the consumer may cancel before confirmation (consumer_cancelled)', async () => {
    const order = (await place()).json();
    const cancelled = await inject('POST', `/orders/${order.id}/cancel`, buyer);

    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().cancelReason).toBe('consumer_cancelled');
    expect((await orderStatus(order.id)).cancelReason).toBe('consumer_cancelled');
  });

  it('a declined payment cancels the order with payment_declined and gives the stock back', async () => {
    const before = await stockLeft();
    const order = (await place(buyer, orderBody(1, 'tok_decline_insufficient_funds'))).json();

    await eventually(async () => expect((await orderStatus(order.id)).cancelReason).toBe('payment_declined'));
    expect(await stockLeft()).toBe(before);
    expect((await stack.paymentSandbox.ledger(order.id))?.captures ?? 0).toBe(0);
  });

  it('a payment token the provider does not accept cancels the order as payment_declined at once', async () => {
    const order = (await place(buyer, orderBody(1, 'tok_not_issued_by_the_provider'))).json();

    await eventually(async () => expect((await orderStatus(order.id)).cancelReason).toBe('payment_declined'), 10_000);
  });

  it('the same Idempotency-Key sent five times at once makes one order and one authorisation', async () => {
    const key = `key-${randomUUID()}`;
    const responses = await Promise.all(Array.from({ length: 5 }, () => place(buyer, orderBody(1), key)));

    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const id = responses[0]!.json().id;
    expect(await stack.orm.em.fork().count(Order, { consumerId: buyer.sub, idempotencyKey: key })).toBe(1);
    await eventually(async () => expect((await stack.paymentSandbox.ledger(id))?.authorizations.authorized).toBe(1));
  });

  it('the same key with a different body is refused with 409, and nothing is written', async () => {
    const key = `key-${randomUUID()}`;
    expect((await place(buyer, orderBody(1), key)).statusCode).toBe(201);
    const orders = await stack.orm.em.fork().count(Order, {});

    const reused = await place(buyer, orderBody(3), key);

    expect(reused.statusCode).toBe(409);
    expect(await stack.orm.em.fork().count(Order, {})).toBe(orders);
  });

  it('never oversells: six buyers race for the last three items, three succeed (§5.3)', async () => {
    const scarce = await openShop(stack, { price: 1000, deliveryFee: 0, stock: 3 });
    const buyers = await Promise.all(Array.from({ length: 6 }, () => signUpConsumer(stack)));
    const body = {
      items: [{ productId: scarce.productId, quantity: 1 }],
      shippingAddress,
      payment: { method: 'card', token: 'tok_ok' },
    };

    const responses = await Promise.all(buyers.map(({ principal }) => place(principal, body)));

    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const refused = responses.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => r.statusCode)).toEqual([422, 422, 422]);
    expect(refused[0]!.json().errors).toEqual([
      { field: 'body.items[0].quantity', message: 'is more than the stock available' },
    ]);
    expect((await stack.orm.em.fork().findOneOrFail(Product, { id: scarce.productId })).stock).toBe(0);
  });

  it("hides another consumer's order and another shop's order behind 404", async () => {
    const order = (await place()).json();
    const stranger = (await signUpConsumer(stack)).principal;
    const otherShop = await openShop(stack, { price: 100, deliveryFee: 0, stock: 1 });

    expect((await inject('GET', `/orders/${order.id}`, stranger)).statusCode).toBe(404);
    expect((await inject('POST', `/orders/${order.id}/cancel`, stranger)).statusCode).toBe(404);
    expect((await inject('GET', `/orders/${order.id}`, otherShop.owner)).statusCode).toBe(404);
    expect((await inject('POST', `/orders/${order.id}/confirm`, otherShop.owner)).statusCode).toBe(404);
    expect((await inject('GET', `/orders/${order.id}`, shop.owner)).statusCode).toBe(200);
  });

  it.each([
    { problem: 'no items', change: { items: [] }, status: 400, field: 'body.items' },
    { problem: 'a zero quantity', change: { items: [{ quantity: 0 }] }, status: 400, field: 'body.items[0].quantity' },
    {
      problem: 'a negative quantity',
      change: { items: [{ quantity: -2 }] },
      status: 400,
      field: 'body.items[0].quantity',
    },
    {
      problem: 'an unknown product',
      change: { items: [{ productId: randomUUID() }] },
      status: 422,
      field: 'body.items[0].productId',
    },
    {
      problem: 'a malformed phone',
      change: { shippingAddress: { ...shippingAddress, phone: 'call me' } },
      status: 400,
      field: 'body.shippingAddress.phone',
    },
    {
      problem: 'more than in stock',
      change: { items: [{ quantity: 999 }] },
      status: 422,
      field: 'body.items[0].quantity',
    },
  ])('answers $problem with $status naming $field, and writes nothing', async ({ change, status, field }) => {
    const base = orderBody(1);
    const items =
      'items' in change ? (change.items as object[]).map((item) => ({ ...base.items[0], ...item })) : base.items;
    const body = { ...base, ...change, items };
    const orders = await stack.orm.em.fork().count(Order, {});
    const stock = await stockLeft();

    const response = await place(buyer, body);

    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await stack.orm.em.fork().count(Order, {})).toBe(orders);
    expect(await stockLeft()).toBe(stock);
  });

  it('requires an Idempotency-Key', async () => {
    const response = await stack.app.inject({
      method: 'POST',
      url: '/orders',
      payload: orderBody(),
      headers: bearer(stack.config, buyer),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['headers.idempotency-key']);
  });
});
