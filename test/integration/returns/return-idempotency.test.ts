import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import { ReturnRequest } from '../../../db/entities/return-request.entity';
import { FieldCipher } from '../../../db/field-cipher';
import type { Principal } from '../../../domain/principal';
import { returnWorkflowId } from '../../../workflows/returns/return-refund.definitions';
import { createDeliveredOrder, createDeliveryParties, type DeliveryParties } from '../../helpers/delivery-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';
import { HOUR } from '../../helpers/time';

// POST /orders/:id/returns with an Idempotency-Key on the real stack (API → Postgres →
// Temporal): a storefront that timed out and retries gets the return its first call made,
// not a 422 "already asked back" (T/QGCML 3125 §6.4: one return, one approval deadline;
// §8.3.5: one `return.request` event).
describe('POST /orders/:id/returns with an Idempotency-Key', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workers: ['commerce'] });
  });
  afterAll(async () => stack?.close());

  /** A consumer of their own, with an order (2 × tea, 1 × cups) delivered an hour ago. */
  async function consumerWithDeliveredOrder() {
    return deliveredOrderOf(await createDeliveryParties(stack.orm, FieldCipher.fromConfig(stack.config)));
  }
  async function deliveredOrderOf(parties: DeliveryParties) {
    const cipher = FieldCipher.fromConfig(stack.config);
    const { order, tea, cups } = await createDeliveredOrder(stack.orm, cipher, parties, new Date(Date.now() - HOUR));
    const consumer: Principal = { sub: parties.consumer.id, role: 'consumer' };
    return { consumer, parties, orderId: order.id, tea, cups };
  }
  const returnOf = (productId: string, quantity = 2) => ({
    type: 'return',
    reason: 'damaged',
    items: [{ productId, quantity }],
  });
  const ask = (who: Principal, orderId: string, body: object, key?: string) =>
    stack.app.inject({
      method: 'POST',
      url: `/orders/${orderId}/returns`,
      payload: body,
      headers: { ...bearer(stack.config, who), ...(key ? { 'idempotency-key': key } : {}) },
    });
  const em = () => stack.orm.em.fork();
  const requestEvents = (returnId: string) => em().count(AuditEvent, { action: 'return.request', entityId: returnId });
  const processRun = async (returnId: string) =>
    (await stack.temporal.workflow.getHandle(returnWorkflowId(returnId)).describe()).runId;

  it('a retry with the same key answers 201 with the same return, not 422: one row, one audit event, one process', async () => {
    const { consumer, orderId, tea } = await consumerWithDeliveredOrder();
    const key = `key-${randomUUID()}`;

    const first = await ask(consumer, orderId, returnOf(tea.productId), key);
    expect(first.statusCode).toBe(201);
    const asked = first.json();
    const run = await processRun(asked.id);

    const retry = await ask(consumer, orderId, returnOf(tea.productId), key);

    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(asked);
    expect(await em().count(ReturnRequest, { orderId })).toBe(1);
    expect(await requestEvents(asked.id)).toBe(1);
    // The retry's start found the process the first call started (workflow id return:<id>).
    expect(await processRun(asked.id)).toBe(run);
  });

  it('the same key sent three times at once makes one return, and each answer is it', async () => {
    const { consumer, orderId, tea } = await consumerWithDeliveredOrder();
    const key = `key-${randomUUID()}`;

    const answers = await Promise.all([1, 2, 3].map(() => ask(consumer, orderId, returnOf(tea.productId), key)));

    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
    const ids = new Set(answers.map((answer) => answer.json().id));
    expect(ids.size).toBe(1);
    expect(await em().count(ReturnRequest, { orderId })).toBe(1);
    expect(await requestEvents([...ids][0])).toBe(1);
  });

  it('the same key with another body is a 409 naming the header, and nothing is asked', async () => {
    const { consumer, orderId, tea, cups } = await consumerWithDeliveredOrder();
    const key = `key-${randomUUID()}`;
    expect((await ask(consumer, orderId, returnOf(tea.productId), key)).statusCode).toBe(201);

    const reused = await ask(consumer, orderId, returnOf(cups.productId, 1), key);

    expect(reused.statusCode).toBe(409);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.json().errors.map((e: { field: string }) => e.field)).toEqual(['headers.idempotency-key']);
    expect(await em().count(ReturnRequest, { orderId })).toBe(1);
  });

  it('the same key and body for another of my orders is a 409: the order is part of the request, and nothing is asked', async () => {
    const { consumer, parties, orderId, tea } = await consumerWithDeliveredOrder();
    const other = await deliveredOrderOf(parties);
    const key = `key-${randomUUID()}`;
    expect((await ask(consumer, orderId, returnOf(tea.productId), key)).statusCode).toBe(201);

    // The very same body: only the order in the path differs.
    const reused = await ask(consumer, other.orderId, returnOf(tea.productId), key);

    expect(reused.statusCode).toBe(409);
    expect(await em().count(ReturnRequest, { orderId: other.orderId })).toBe(0);
  });

  it("another consumer's return under the same key is their own", async () => {
    const first = await consumerWithDeliveredOrder();
    const second = await consumerWithDeliveredOrder();
    const key = `key-${randomUUID()}`;

    const mine = await ask(first.consumer, first.orderId, returnOf(first.tea.productId), key);
    const theirs = await ask(second.consumer, second.orderId, returnOf(second.tea.productId), key);

    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(theirs.json().orderId).toBe(second.orderId);
  });

  it('without a key a second identical request is refused with 422 as before: the goods are already asked back (§5.3)', async () => {
    const { consumer, orderId, tea } = await consumerWithDeliveredOrder();

    const first = await ask(consumer, orderId, returnOf(tea.productId));
    const second = await ask(consumer, orderId, returnOf(tea.productId));

    expect([first.statusCode, second.statusCode]).toEqual([201, 422]);
    expect(second.json().errors.map((e: { field: string }) => e.field)).toEqual(['items.0.quantity']);
    expect(await em().count(ReturnRequest, { orderId })).toBe(1);
  });
});
