import { randomUUID } from 'node:crypto';
import { createHandoverReconciliationActivities } from '../../../activities/delivery/handover-reconciliation-activities';
import { createSandboxLogisticsProvider } from '../../../activities/shared/providers/sandbox-logistics-provider';
import { signWebhook } from '../../../sandbox/logistics-carrier/webhooks';
import { LogisticsWebhookEvent } from '../../../db/entities/logistics-webhook-event.entity';
import { recordOrderEvent } from '../../../activities/order/order-timeline';
import { OrderEvent } from '../../../db/entities/order-event.entity';
import { createConfirmedOrder } from '../../helpers/delivery-fixtures';
import { CARRIER_KEY, useDeliveryStack } from '../../helpers/delivery-stack';
import { eventually } from '../../helpers/eventually';
import { HOUR } from '../../helpers/time';

// Supervision of delivery (T/QGCML 3125 §6.1, §6.2.2, §4.3): webhook authentication,
// carrier deadlines in the SLA report, and reconciliation of slips with orders.
describe('delivery supervision: webhooks, SLA breaches and reconciliation', () => {
  const ctx = useDeliveryStack('delivery_supervision');

  it('a webhook with a wrong signature or an old timestamp → 401 and nothing recorded; an unknown shipment → 404', async () => {
    const secret = ctx.stack.config.LOGISTICS_WEBHOOK_SECRET;
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
      ctx.stack.app.inject({
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
    expect(await ctx.stack.orm.em.fork().count(LogisticsWebhookEvent, { eventId })).toBe(0);
    expect((await post(now, signWebhook(secret, now, body))).statusCode).toBe(404);
  });

  it('an undelivered shipment past the delivery commitment is a carrier breach in /reports/sla (§6.1, §4.3)', async () => {
    await ctx.setCommitments({ handover: 'PT1H', delivery: 'PT2S', codRemittance: 'PT1H' });
    const { order, onePackage } = await createConfirmedOrder(ctx.stack.orm, ctx.cipher, ctx.parties);
    await ctx.startHandover(order.id);
    const { sign } = await ctx.draftAndSign(order.id, onePackage);
    await sign(ctx.merchant(), 'Zhang San');
    await sign(ctx.courier(), 'Li Si');

    const state = await ctx.stateOf(order.id, (current) => current.breaches.length > 0);
    expect(state.breaches).toEqual([{ obligation: 'delivery', party: 'carrier', dueAt: expect.any(String) }]);
    // The workflow knows of the breach a moment before its activity has recorded it.
    const line = await eventually(async () => {
      const report = await ctx.stack.app.inject({ method: 'GET', url: '/reports/sla', headers: ctx.as('staff') });
      expect(report.statusCode).toBe(200);
      const row = report.json().carriers.find((r: { carrierId: string }) => r.carrierId === ctx.parties.carrier.id);
      expect(row.delivery.breached).toBe(1);
      return row;
    });
    expect(line.delivery.onTimeRate).toBeLessThan(1);
    expect(line.breaches).toContainEqual(expect.objectContaining({ obligation: 'delivery', subjectId: order.id }));
    await ctx.setCommitments({ handover: 'PT1H', delivery: 'PT1H', codRemittance: 'PT1H' });
  });

  it('reconciliation reports a slip whose item count differs from the merchant’s order (§6.2.2)', async () => {
    const { order, tea } = await createConfirmedOrder(ctx.stack.orm, ctx.cipher, ctx.parties);
    await ctx.draftAndSign(order.id, [{ items: [{ productId: tea.productId, quantity: 2 }] }]);
    const reconcile = createHandoverReconciliationActivities({
      orm: ctx.stack.orm,
      logistics: createSandboxLogisticsProvider({ baseUrl: ctx.carrier.url, apiKey: CARRIER_KEY }),
      mail: { sendTemplatedMail: async () => undefined as never },
    });

    const report = await reconcile.reconcileHandovers({ lookbackDays: 1 });

    expect(report.items).toContainEqual({ kind: 'count_mismatch', orderId: order.id });
    const listed = await ctx.stack.app.inject({
      method: 'GET',
      url: `/reconciliation/discrepancies?orderId=${order.id}`,
      headers: ctx.as('staff'),
    });
    expect(listed.statusCode).toBe(200);
    // One item fewer than ordered: the count differs, and so does the goods value.
    expect(listed.json().items).toHaveLength(2);
    expect(listed.json().items).toContainEqual(
      expect.objectContaining({ kind: 'count_mismatch', details: { slipItems: 2, orderItems: 3 } }),
    );
    expect(listed.json().items).toContainEqual(expect.objectContaining({ kind: 'value_mismatch' }));
    expect(
      (
        await ctx.stack.app.inject({
          method: 'GET',
          url: '/reconciliation/discrepancies',
          headers: ctx.as(ctx.merchant()),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('the unsigned-slips queue shows a confirmed order until both sides sign, due at its handover deadline (§6.2.2)', async () => {
    const { order, onePackage } = await createConfirmedOrder(ctx.stack.orm, ctx.cipher, ctx.parties);
    await recordOrderEvent(ctx.stack.orm, order.id, 'confirmed');
    const confirmed = await ctx.stack.orm.em.fork().findOneOrFail(OrderEvent, { order: order.id, type: 'confirmed' });
    const itemOf = async () => {
      const response = await ctx.stack.app.inject({
        method: 'GET',
        url: '/reports/work-queues?queue=unsigned-slips',
        headers: ctx.as('staff'),
      });
      expect(response.statusCode).toBe(200);
      const [queue] = response.json().queues as Array<{ items: Array<Record<string, unknown>> }>;
      return queue!.items.find((item) => item.subjectId === order.id);
    };

    // The stack's commitments: handover within 1 hour of confirmation, around the clock.
    expect(await itemOf()).toMatchObject({
      state: 'no_slip',
      merchantId: ctx.parties.merchant.id,
      dueAt: new Date(confirmed.occurredAt.getTime() + HOUR).toISOString(),
      workflowId: `handover:${order.id}`,
      resource: `/orders/${order.id}`,
    });
    const { sign } = await ctx.draftAndSign(order.id, onePackage);
    expect(await itemOf()).toMatchObject({ state: 'awaiting_merchant_signature', carrierId: ctx.parties.carrier.id });
    expect((await sign(ctx.merchant(), '王店长')).statusCode).toBe(200);
    expect(await itemOf()).toMatchObject({ state: 'awaiting_courier_signature' });
    // Signed by both, the slip leaves the queue even before the handover process records it.
    expect((await sign(ctx.courier(), '张师傅')).statusCode).toBe(200);
    expect(await itemOf()).toBeUndefined();
  });
});
