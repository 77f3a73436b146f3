import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../../config/env';
import { auditFactsOf, chainedAuditEvent } from '../../../db/audit-trail';
import { AuditPending } from '../../../db/entities/audit-pending.entity';
import { Complaint } from '../../../db/entities/complaint.entity';
import { ComplaintMessage } from '../../../db/entities/complaint-message.entity';
import { Order } from '../../../db/entities/order.entity';
import { OrderEvent } from '../../../db/entities/order-event.entity';
import { OrderItem } from '../../../db/entities/order-item.entity';
import { ReturnLine } from '../../../db/entities/return-line.entity';
import { ReturnRequest } from '../../../db/entities/return-request.entity';
import { StaffUser } from '../../../db/entities/staff-user.entity';
import { FieldCipher } from '../../../db/field-cipher';
import { createConfirmedOrder, createDeliveryParties, type DeliveryParties } from '../../helpers/delivery-fixtures';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { DAY } from '../../helpers/time';

// Entities take their columns as named fields (docs/architecture.md "Database"). A subclass
// of an abstract entity (GoodsLine, OrderParties, AuditFacts) hands them to its base and
// keeps its own: both survive a round trip through PostgreSQL on an ORM that has decorated
// the entity classes, and nothing the caller did not name is copied onto an entity.
describe('entities built from named fields, on PostgreSQL', () => {
  let db: PrivateDatabase;
  let parties: DeliveryParties;

  beforeAll(async () => {
    db = await createPrivateDatabase('entity_fields');
    parties = await createDeliveryParties(db.orm, FieldCipher.fromConfig(loadConfig()));
  });
  afterAll(() => db?.drop());

  const readBack = <T extends object>(entity: { new (...args: never[]): T }, id: string) =>
    db.orm.em.fork().findOneOrFail(entity, { id } as never);

  it('keeps the goods of an order line and its own order and sku, at once and once stored (T/QGCML 3125 §5.4)', async () => {
    const { order } = await createConfirmedOrder(db.orm, FieldCipher.fromConfig(loadConfig()), parties);
    const em = db.orm.em.fork();
    const goods = { position: 2, productId: randomUUID(), sku: 'POT-1', name: 'Teapot', unitPrice: 15800, quantity: 1 };
    const item = new OrderItem({ order: em.getReference(Order, order.id), ...goods });
    expect(item).toMatchObject(goods);
    expect(item.order.id).toBe(order.id);
    await em.persist(item).flush();

    const stored = await readBack(OrderItem, item.id);
    expect(stored).toMatchObject(goods);
    expect(stored.order.id).toBe(order.id);
  });

  it('keeps the parties of a complaint and its own facts, at once and once stored (§4.8, §5.7)', async () => {
    const respondBy = new Date(Date.now() + DAY);
    const fields = {
      orderId: randomUUID(),
      consumerId: parties.consumer.id,
      merchantId: parties.merchant.id,
      carrierId: parties.carrier.id,
      category: 'quality',
      description: 'leaves crushed',
      desiredRemedy: 'compensation',
      party: 'merchant',
      commitmentVersion: 3,
      partyRespondBy: respondBy,
      firstResponseBy: respondBy,
      currency: 'CNY',
    } as const;
    const complaint = new Complaint(fields);
    expect(complaint).toMatchObject({ ...fields, status: 'awaiting_response' });
    await db.orm.em.fork().persist(complaint).flush();

    expect(await readBack(Complaint, complaint.id)).toMatchObject({ ...fields, status: 'awaiting_response' });
  });

  it('keeps a return request without a carrier and its lines with their own request (§6.4)', async () => {
    const asked = {
      orderId: randomUUID(),
      consumerId: parties.consumer.id,
      merchantId: parties.merchant.id,
      kind: 'return',
      reason: 'quality',
      currency: 'CNY',
    } as const;
    const request = new ReturnRequest(asked);
    const goods = { position: 0, productId: randomUUID(), name: 'Longjing 250g', unitPrice: 26800, quantity: 1 };
    const line = new ReturnLine({ returnRequest: request, ...goods });
    expect(request).toMatchObject({ ...asked, carrierId: null, status: 'requested' });
    expect(line).toMatchObject({ ...goods, returnRequest: request });
    request.lines.add(line);
    await db.orm.em.fork().persist(request).flush();

    expect(await readBack(ReturnRequest, request.id)).toMatchObject({ ...asked, carrierId: null });
    const storedLine = await readBack(ReturnLine, line.id);
    expect(storedLine).toMatchObject(goods);
    expect(storedLine.returnRequest.id).toBe(request.id);
  });

  it('gives a thread entry and a timeline step the defaults of the fields they were not given', async () => {
    const { order } = await createConfirmedOrder(db.orm, FieldCipher.fromConfig(loadConfig()), parties);
    const message = new ComplaintMessage({
      complaintId: randomUUID(),
      kind: 'message',
      authorRole: 'consumer',
      authorId: parties.consumer.id,
      body: 'hello',
    });
    const em = db.orm.em.fork();
    const step = new OrderEvent({
      order: em.getReference(Order, order.id),
      key: 'noted',
      type: 'noted',
      occurredAt: new Date(),
    });
    await em.persist([message, step]).flush();
    expect((await readBack(ComplaintMessage, message.id)).key).toBeNull();
    expect((await readBack(OrderEvent, step.id)).details).toEqual({});
  });

  it('normalises a staff user’s e-mail as it did before (§8.3.1)', () => {
    const user = new StaffUser({ email: '  Ops@Example.TEST ', role: 'ops', passwordHash: 'x' });
    expect(user).toMatchObject({ email: 'ops@example.test', role: 'ops', passwordHash: 'x' });
  });

  it('links a queued audit event with its facts and its chain place, never its queue position (§8.3.5)', async () => {
    const facts = auditFactsOf({
      actor: { sub: 'staff-1', role: 'staff' },
      action: 'test.fields',
      entity: 'test',
      entityId: 'e-1',
      outcome: 'success',
    });
    const pending = Object.assign(new AuditPending(facts), { position: 41 });
    const event = chainedAuditEvent({ seq: 6, hash: 'a'.repeat(64) }, pending);
    expect(event).toMatchObject({ ...facts, seq: 7, prevHash: 'a'.repeat(64) });
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(event)).not.toContain('position');
  });
});
