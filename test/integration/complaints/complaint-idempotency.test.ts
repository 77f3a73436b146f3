import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import { Complaint } from '../../../db/entities/complaint.entity';
import { ComplaintMessage } from '../../../db/entities/complaint-message.entity';
import { FieldCipher } from '../../../db/field-cipher';
import type { Principal } from '../../../domain/principal';
import { complaintWorkflowId } from '../../../workflows/complaints/complaint-escalation.definitions';
import { createConfirmedOrder, createDeliveryParties } from '../../helpers/delivery-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

// POST /complaints with an Idempotency-Key on the real stack (API → Postgres → Temporal): a
// storefront that timed out and retries files one complaint, not two (T/QGCML 3125 §4.8,
// §5.7: one complaint, one response deadline; §8.3.5: one `complaint.file` event).
describe('POST /complaints with an Idempotency-Key', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workers: ['commerce'] });
  });
  afterAll(async () => stack?.close());

  /** A consumer of their own, with a confirmed order to complain about. */
  async function consumerWithOrder() {
    const cipher = FieldCipher.fromConfig(stack.config);
    const parties = await createDeliveryParties(stack.orm, cipher);
    const { order } = await createConfirmedOrder(stack.orm, cipher, parties);
    const consumer: Principal = { sub: parties.consumer.id, role: 'consumer' };
    return { consumer, orderId: order.id };
  }
  const complaintAbout = (orderId: string, description = 'The tea arrived mouldy') => ({
    orderId,
    category: 'quality',
    description,
  });
  const file = (who: Principal, body: object, key?: string) =>
    stack.app.inject({
      method: 'POST',
      url: '/complaints',
      payload: body,
      headers: { ...bearer(stack.config, who), ...(key ? { 'idempotency-key': key } : {}) },
    });
  const em = () => stack.orm.em.fork();
  const fileEvents = (complaintId: string) =>
    em().count(AuditEvent, { action: 'complaint.file', entityId: complaintId });
  const processRun = async (complaintId: string) =>
    (await stack.temporal.workflow.getHandle(complaintWorkflowId(complaintId)).describe()).runId;

  it('a retry with the same key answers 201 with the same complaint and files nothing: one row, one thread message, one audit event, one process', async () => {
    const { consumer, orderId } = await consumerWithOrder();
    const key = `key-${randomUUID()}`;

    const first = await file(consumer, complaintAbout(orderId), key);
    expect(first.statusCode).toBe(201);
    const complaint = first.json();
    const run = await processRun(complaint.id);

    const retry = await file(consumer, complaintAbout(orderId), key);

    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(complaint);
    expect(await em().count(Complaint, { orderId })).toBe(1);
    expect(await em().count(ComplaintMessage, { complaintId: complaint.id })).toBe(1);
    expect(await fileEvents(complaint.id)).toBe(1);
    // The retry's start found the process the first call started (workflow id complaint:<id>).
    expect(await processRun(complaint.id)).toBe(run);
  });

  it('the same key sent three times at once files one complaint, and each answer is it', async () => {
    const { consumer, orderId } = await consumerWithOrder();
    const key = `key-${randomUUID()}`;

    const answers = await Promise.all([1, 2, 3].map(() => file(consumer, complaintAbout(orderId), key)));

    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
    const ids = new Set(answers.map((answer) => answer.json().id));
    expect(ids.size).toBe(1);
    expect(await em().count(Complaint, { orderId })).toBe(1);
    expect(await fileEvents([...ids][0])).toBe(1);
  });

  it('the same key with another body is a 409 naming the header, and nothing is filed', async () => {
    const { consumer, orderId } = await consumerWithOrder();
    const key = `key-${randomUUID()}`;
    expect((await file(consumer, complaintAbout(orderId), key)).statusCode).toBe(201);

    const reused = await file(consumer, complaintAbout(orderId, 'Another complaint entirely'), key);

    expect(reused.statusCode).toBe(409);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.json().errors.map((e: { field: string }) => e.field)).toEqual(['headers.idempotency-key']);
    expect(await em().count(Complaint, { orderId })).toBe(1);
  });

  it("another consumer's complaint under the same key is their own", async () => {
    const first = await consumerWithOrder();
    const second = await consumerWithOrder();
    const key = `key-${randomUUID()}`;

    const mine = await file(first.consumer, complaintAbout(first.orderId), key);
    const theirs = await file(second.consumer, complaintAbout(second.orderId), key);

    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(theirs.json().orderId).toBe(second.orderId);
  });

  it('without a key each call files a complaint, as before the header existed', async () => {
    const { consumer, orderId } = await consumerWithOrder();

    const answers = [await file(consumer, complaintAbout(orderId)), await file(consumer, complaintAbout(orderId))];

    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201]);
    expect(answers[0]!.json().id).not.toBe(answers[1]!.json().id);
    expect(await em().count(Complaint, { orderId })).toBe(2);
  });

  it('refuses a malformed key (shorter than 8 characters) with a 400 naming the header, and files nothing', async () => {
    const { consumer, orderId } = await consumerWithOrder();

    const refused = await file(consumer, complaintAbout(orderId), 'short');

    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['headers.idempotency-key']);
    expect(await em().count(Complaint, { orderId })).toBe(0);
  });
});
