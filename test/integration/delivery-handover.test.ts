import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createHandoverReconciliationActivities } from '../../activities/handover-reconciliation-activities';
import { createSandboxLogisticsProvider } from '../../activities/providers/sandbox-logistics-provider';
import { signWebhook } from '../../sandbox/logistics-carrier/webhooks';
import { loadConfig } from '../../config/env';
import { LogisticsWebhookEvent } from '../../db/entities/logistics-webhook-event.entity';
import { Order } from '../../db/entities/order.entity';
import { OrderEvent } from '../../db/entities/order-event.entity';
import { FieldCipher } from '../../db/field-cipher';
import { defaultServiceCommitments } from '../../domain/service-commitments';
import type { Principal } from '../../domain/principal';
import { startLogisticsCarrier, type RunningLogisticsCarrier } from '../../sandbox/logistics-carrier/start';
import { commerceActivities } from '../../workers/activities';
import { createWorker } from '../../workers/run-worker';
import {
  deliveryHandoverStateQuery,
  handoverWorkflowId,
  type DeliveryHandoverState,
} from '../../workflows/definitions/delivery-handover';
import type { TaskQueue } from '../../workflows/definitions/task-queues';
import { createConfirmedOrder, createDeliveryParties, type DeliveryParties } from '../helpers/delivery-fixtures';
import { createPrivateDatabase, type PrivateDatabase } from '../helpers/private-database';
import { eventually } from '../helpers/eventually';
import { startTestStack, type TestStack } from '../helpers/stack';
import { bearer } from '../helpers/tokens';

const CARRIER_KEY = `lk_test_${randomUUID()}`;

// Delivery handover through HTTP on the real stack (T/QGCML 3125 §6.1, §6.2.1, §6.2.2, §8.3):
// the API, a worker with the real activities, Postgres (a database of this file's own) and
// the sandbox carrier delivering signed webhooks to the listening API.
describe('delivery handover: signed slips, the sandbox carrier, deadlines and supervision', () => {
  let db: PrivateDatabase;
  let stack: TestStack;
  let carrier: RunningLogisticsCarrier;
  let worker: Worker;
  let running: Promise<void>;
  let connection: NativeConnection;
  let apiUrl = '';
  let parties: DeliveryParties;
  let cipher: FieldCipher;
  const taskQueue = `handover-it-${process.pid}` as TaskQueue;
  const merchant = (): Principal => ({ sub: 'm-user-1', role: 'merchant', merchantId: parties.merchant.id });
  const courier = (carrierId = parties.carrier.id): Principal => ({ sub: 'k-user-1', role: 'courier', carrierId });
  const as = (who: Principal | 'staff') => bearer(stack.config, who);

  beforeAll(async () => {
    db = await createPrivateDatabase('delivery_handover');
    const sharedUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = db.url;
    try {
      const secret = loadConfig().LOGISTICS_WEBHOOK_SECRET;
      carrier = await startLogisticsCarrier({
        databaseUrl: db.url,
        port: 0,
        apiKey: CARRIER_KEY,
        webhookUrl: () => `${apiUrl}/webhooks/logistics/sandbox`,
        webhookSecret: secret,
        logLevel: 'silent',
        webhookRetry: { maxAttempts: 3, firstRetryMs: 200 },
      });
      stack = await startTestStack({
        workers: [],
        config: { LOGISTICS_SANDBOX_URL: carrier.url, LOGISTICS_SANDBOX_API_KEY: CARRIER_KEY },
      });
    } finally {
      process.env.DATABASE_URL = sharedUrl;
    }
    await stack.app.listen({ port: 0, host: '127.0.0.1' });
    apiUrl = `http://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
    // A worker on a queue of this file's own, so no other file's worker (on another database) runs these workflows.
    connection = await NativeConnection.connect({ address: stack.config.TEMPORAL_ADDRESS });
    worker = await createWorker({
      config: stack.config,
      taskQueue,
      connection,
      activities: commerceActivities({ config: stack.config, orm: stack.orm, workerIdentity: 'handover-it' }),
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
    });
    running = worker.run();
    cipher = FieldCipher.fromConfig(stack.config);
    parties = await createDeliveryParties(stack.orm, cipher);
    await setCommitments({ handover: 'PT1H', delivery: 'PT1H', codRemittance: 'PT1H' });
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await stack?.close();
    await carrier?.close();
    await db?.drop();
  });

  async function setCommitments(terms: Record<string, string>) {
    const response = await stack.app.inject({
      method: 'PUT',
      url: '/service-commitments',
      headers: as('staff'),
      payload: { ...defaultServiceCommitments, calendar: '7x24', ...terms, reason: 'delivery handover test terms' },
    });
    expect(response.statusCode).toBe(200);
  }

  async function startHandover(orderId: string) {
    return stack.temporal.workflow.start('deliveryHandoverWorkflow', {
      workflowId: handoverWorkflowId(orderId),
      taskQueue,
      args: [{ orderId, merchantId: parties.merchant.id }],
    });
  }

  async function stateOf(orderId: string, until: (state: DeliveryHandoverState) => boolean) {
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(orderId));
    for (let attempt = 0; attempt < 200; attempt++) {
      const state = await handle.query(deliveryHandoverStateQuery);
      if (until(state)) return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`handover of ${orderId} never reached the expected state`);
  }

  async function carrierAdmin(path: string, body?: unknown) {
    const response = await fetch(`${carrier.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CARRIER_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.ok).toBe(true);
    return response.json() as Promise<{ event: { id: string }; delivery: { delivered: boolean; status?: number } }>;
  }

  async function draftAndSign(orderId: string, packages: unknown, extra: object = {}) {
    const draft = await stack.app.inject({
      method: 'POST',
      url: `/orders/${orderId}/handover`,
      headers: as(merchant()),
      payload: { carrierId: parties.carrier.id, packages, ...extra },
    });
    expect(draft.statusCode).toBe(201);
    const slipId = draft.json().id as string;
    const sign = (who: Principal, custodianName: string) =>
      stack.app.inject({
        method: 'POST',
        url: `/handovers/${slipId}/sign`,
        headers: as(who),
        payload: { custodianName, goodsAndPackagingConfirmed: true },
      });
    return { slipId, draft, sign };
  }

  it('drafts, signs by both, and the carrier’s webhooks take the order to completed (§6.2.1, §6.1)', async () => {
    const { order, tea, cups } = await createConfirmedOrder(stack.orm, cipher, parties);

    const stranger = await stack.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/handover`,
      headers: as(merchant()),
      payload: { carrierId: parties.carrier.id, packages: [{ items: [{ productId: randomUUID(), quantity: 1 }] }] },
    });
    expect(stranger.statusCode).toBe(422); // §5.3: nothing that was not ordered
    expect(stranger.json().errors[0].field).toBe('packages.0.items.0.productId');
    const tooMany = await stack.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/handover`,
      headers: as(merchant()),
      payload: { carrierId: parties.carrier.id, packages: [{ items: [{ productId: tea.productId, quantity: 3 }] }] },
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors[0].field).toBe('packages.0.items.0.quantity');

    await startHandover(order.id);
    const { slipId, draft, sign } = await draftAndSign(
      order.id,
      [
        { items: [{ productId: tea.productId, quantity: 2 }], weightGrams: 600 },
        { items: [{ productId: cups.productId, quantity: 1 }] },
      ],
      { cashOnDelivery: { amount: 1000 } },
    );
    expect(draft.json()).toMatchObject({
      status: 'draft',
      content: { itemCount: 3, packageCount: 2, goodsValue: order.goodsAmount },
    });
    expect(draft.json().recipient).toEqual({
      name: '李雷',
      phone: '+8613800000000',
      address: '上海市浦东新区世纪大道 1 号',
    });

    expect((await sign(courier(parties.otherCarrier.id), 'Wang')).statusCode).toBe(404);
    const bySeller = await sign(merchant(), 'Zhang San');
    expect(bySeller.statusCode).toBe(200);
    expect((await sign(merchant(), 'Zhang San')).statusCode).toBe(409);
    const byCourier = await sign(courier(), 'Li Si');
    expect(byCourier.statusCode).toBe(200);
    expect(byCourier.json().status).toBe('signed');
    expect(
      byCourier
        .json()
        .signatures.map((s: { party: string; custodianName: string; verified: boolean }) => [
          s.party,
          s.custodianName,
          s.verified,
        ]),
    ).toEqual([
      ['merchant', 'Zhang San', true],
      ['carrier', 'Li Si', true],
    ]);
    const staffView = await stack.app.inject({ method: 'GET', url: `/handovers/${slipId}`, headers: as('staff') });
    expect(staffView.json().recipient).toBeNull();

    const booked = await stateOf(order.id, (state) => state.orderStatus === 'handed_over');
    const shipmentId = booked.shipmentId as string;

    const picked = await carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'picked_up' });
    expect(picked.delivery).toMatchObject({ delivered: true, status: 202 });
    const transit = await carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'in_transit' });
    // The carrier sends the same event again: accepted once, no second effect.
    const again = await carrierAdmin(`/admin/events/${transit.event.id}/redeliver`);
    expect(again.delivery).toMatchObject({ delivered: true, status: 200 });
    await carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'delivered' });
    await stateOf(order.id, (state) => state.phase === 'awaiting_cod_remittance');
    await carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'cod_remitted', amount: 1000 });

    const done = await stateOf(order.id, (state) => state.phase === 'completed');
    expect(done.appliedEvents).toHaveLength(4);
    expect(done.breaches).toEqual([]);
    const em = stack.orm.em.fork();
    expect((await em.findOneOrFail(Order, { id: order.id })).status).toBe('completed');
    const timeline = await em.find(OrderEvent, { order: order.id }, { orderBy: { occurredAt: 'asc' } });
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['handed_over', 'picked_up', 'in_transit', 'delivered', 'cod_remitted', 'completed']),
    );
    expect(timeline.filter((event) => event.type === 'in_transit')).toHaveLength(1);
    expect(await em.count(LogisticsWebhookEvent, { orderId: order.id })).toBe(4);

    const copy = await stack.app.inject({
      method: 'GET',
      url: `/handovers/${slipId}/copy?format=html`,
      headers: as(courier()),
    });
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toContain('text/html');
    expect(copy.body).toContain('Zhang San');
  });

  it('a slip edited in the database after signing no longer verifies (§8.3)', async () => {
    const { order, tea, cups } = await createConfirmedOrder(stack.orm, cipher, parties);
    const { slipId, sign } = await draftAndSign(order.id, [
      {
        items: [
          { productId: tea.productId, quantity: 2 },
          { productId: cups.productId, quantity: 1 },
        ],
      },
    ]);
    await sign(merchant(), 'Zhang San');
    await sign(courier(), 'Li Si');
    const before = await stack.app.inject({ method: 'GET', url: `/handovers/${slipId}`, headers: as(merchant()) });
    expect(before.json().signatures.map((s: { verified: boolean }) => s.verified)).toEqual([true, true]);

    await stack.orm.em
      .getConnection()
      .execute(`update handover_slip set declared_value = declared_value - 10000 where id = ?`, [slipId]);

    const after = await stack.app.inject({ method: 'GET', url: `/handovers/${slipId}`, headers: as(merchant()) });
    expect(after.json().signatures.map((s: { verified: boolean }) => s.verified)).toEqual([false, false]);
  });

  it('a webhook with a wrong signature or an old timestamp → 401 and nothing recorded; an unknown shipment → 404', async () => {
    const secret = stack.config.LOGISTICS_WEBHOOK_SECRET;
    const body = JSON.stringify({
      id: `evt_forged_${randomUUID()}`,
      type: 'delivered',
      shipmentId: 'shp_unknown',
      reference: randomUUID(),
      occurredAt: new Date().toISOString(),
      amount: null,
    });
    const eventId = JSON.parse(body).id as string;
    const post = (timestamp: string, signature: string) =>
      stack.app.inject({
        method: 'POST',
        url: '/webhooks/logistics/sandbox',
        headers: {
          'content-type': 'application/json',
          'x-event-id': eventId,
          'x-timestamp': timestamp,
          'x-signature': signature,
        },
        payload: body,
      });
    const now = String(Math.floor(Date.now() / 1000));
    const old = String(Math.floor(Date.now() / 1000) - 600);

    expect((await post(now, signWebhook('not-the-secret-at-all', now, body))).statusCode).toBe(401);
    expect((await post(old, signWebhook(secret, old, body))).statusCode).toBe(401);
    expect(await stack.orm.em.fork().count(LogisticsWebhookEvent, { eventId })).toBe(0);
    expect((await post(now, signWebhook(secret, now, body))).statusCode).toBe(404);
  });

  it('an undelivered shipment past the delivery commitment is a carrier breach in /reports/sla (§6.1, §4.3)', async () => {
    await setCommitments({ handover: 'PT1H', delivery: 'PT2S', codRemittance: 'PT1H' });
    const { order, tea, cups } = await createConfirmedOrder(stack.orm, cipher, parties);
    await startHandover(order.id);
    const { sign } = await draftAndSign(order.id, [
      {
        items: [
          { productId: tea.productId, quantity: 2 },
          { productId: cups.productId, quantity: 1 },
        ],
      },
    ]);
    await sign(merchant(), 'Zhang San');
    await sign(courier(), 'Li Si');

    const state = await stateOf(order.id, (current) => current.breaches.length > 0);
    expect(state.breaches).toEqual([{ obligation: 'delivery', party: 'carrier', dueAt: expect.any(String) }]);
    // The workflow knows of the breach a moment before its activity has recorded it.
    const line = await eventually(async () => {
      const report = await stack.app.inject({ method: 'GET', url: '/reports/sla', headers: as('staff') });
      expect(report.statusCode).toBe(200);
      const row = report.json().carriers.find((r: { carrierId: string }) => r.carrierId === parties.carrier.id);
      expect(row.delivery.breached).toBe(1);
      return row;
    });
    expect(line.delivery.onTimeRate).toBeLessThan(1);
    expect(line.breaches).toContainEqual(expect.objectContaining({ obligation: 'delivery', subjectId: order.id }));
    await setCommitments({ handover: 'PT1H', delivery: 'PT1H', codRemittance: 'PT1H' });
  });

  it('reconciliation reports a slip whose item count differs from the merchant’s order (§6.2.2)', async () => {
    const { order, tea } = await createConfirmedOrder(stack.orm, cipher, parties);
    await draftAndSign(order.id, [{ items: [{ productId: tea.productId, quantity: 2 }] }]);
    const reconcile = createHandoverReconciliationActivities({
      orm: stack.orm,
      logistics: createSandboxLogisticsProvider({ baseUrl: carrier.url, apiKey: CARRIER_KEY }),
      mail: { sendTemplatedMail: async () => undefined as never },
    });

    const report = await reconcile.reconcileHandovers({ lookbackDays: 1 });

    expect(report.items).toContainEqual({ kind: 'count_mismatch', orderId: order.id });
    const listed = await stack.app.inject({
      method: 'GET',
      url: `/reconciliation/discrepancies?orderId=${order.id}`,
      headers: as('staff'),
    });
    expect(listed.statusCode).toBe(200);
    // One item fewer than ordered: the count differs, and so does the goods value.
    expect(listed.json().items).toHaveLength(2);
    expect(listed.json().items).toContainEqual(
      expect.objectContaining({ kind: 'count_mismatch', details: { slipItems: 2, orderItems: 3 } }),
    );
    expect(listed.json().items).toContainEqual(expect.objectContaining({ kind: 'value_mismatch' }));
    expect(
      (await stack.app.inject({ method: 'GET', url: '/reconciliation/discrepancies', headers: as(merchant()) }))
        .statusCode,
    ).toBe(403);
  });
});
