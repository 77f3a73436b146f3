import { randomUUID } from 'node:crypto';
import { LogisticsWebhookEvent } from '../../../db/entities/logistics-webhook-event.entity';
import { Order } from '../../../db/entities/order.entity';
import { OrderEvent } from '../../../db/entities/order-event.entity';
import { handoverWorkflowId } from '../../../workflows/delivery/delivery-handover.definitions';
import { searchAttributes } from '../../../workflows/shared/search-attributes';
import { createConfirmedOrder } from '../../helpers/delivery-fixtures';
import { eventually } from '../../helpers/eventually';
import { useDeliveryStack } from '../../helpers/delivery-stack';

// Delivery handover through HTTP on the real stack (T/QGCML 3125 §6.1, §6.2.1, §6.2.2, §8.3):
// the API, a worker with the real activities, Postgres (a database of this file's own) and
// the sandbox carrier delivering signed webhooks to the listening API.
describe('delivery handover: slips signed by both, the carrier’s events to completion', () => {
  const ctx = useDeliveryStack('delivery_handover');

  it('drafts, signs by both, and the carrier’s webhooks take the order to completed (§6.2.1, §6.1)', async () => {
    const { order, tea, cups } = await createConfirmedOrder(ctx.stack.orm, ctx.cipher, ctx.parties);

    const stranger = await ctx.stack.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/handover`,
      headers: ctx.as(ctx.merchant()),
      payload: { carrierId: ctx.parties.carrier.id, packages: [{ items: [{ productId: randomUUID(), quantity: 1 }] }] },
    });
    expect(stranger.statusCode).toBe(422); // §5.3: nothing that was not ordered
    expect(stranger.json().errors[0].field).toBe('packages.0.items.0.productId');
    const tooMany = await ctx.stack.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/handover`,
      headers: ctx.as(ctx.merchant()),
      payload: {
        carrierId: ctx.parties.carrier.id,
        packages: [{ items: [{ productId: tea.productId, quantity: 3 }] }],
      },
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors[0].field).toBe('packages.0.items.0.quantity');

    await ctx.startHandover(order.id);
    const { slipId, draft, sign } = await ctx.draftAndSign(
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

    expect((await sign(ctx.courier(ctx.parties.otherCarrier.id), 'Wang')).statusCode).toBe(404);
    const bySeller = await sign(ctx.merchant(), 'Zhang San');
    expect(bySeller.statusCode).toBe(200);
    expect((await sign(ctx.merchant(), 'Zhang San')).statusCode).toBe(409);
    const byCourier = await sign(ctx.courier(), 'Li Si');
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
    const staffView = await ctx.stack.app.inject({
      method: 'GET',
      url: `/handovers/${slipId}`,
      headers: ctx.as('staff'),
    });
    expect(staffView.json().recipient).toBeNull();

    const booked = await ctx.stateOf(order.id, (state) => state.orderStatus === 'handed_over');
    const shipmentId = booked.shipmentId as string;
    // In the Temporal UI, CarrierId="…" finds the handover once the slip names the carrier.
    const attributes = async () =>
      (await ctx.stack.temporal.workflow.getHandle(handoverWorkflowId(order.id)).describe()).typedSearchAttributes;
    await eventually(async () =>
      expect((await attributes()).get(searchAttributes.carrierId)).toBe(ctx.parties.carrier.id),
    );
    expect((await attributes()).get(searchAttributes.orderId)).toBe(order.id);

    const picked = await ctx.carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'picked_up' });
    expect(picked.delivery).toMatchObject({ delivered: true, status: 202 });
    const transit = await ctx.carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'in_transit' });
    // The carrier sends the same event again: accepted once, no second effect.
    const again = await ctx.carrierAdmin(`/admin/events/${transit.event.id}/redeliver`);
    expect(again.delivery).toMatchObject({ delivered: true, status: 200 });
    await ctx.carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'delivered' });
    await ctx.stateOf(order.id, (state) => state.phase === 'awaiting_cod_remittance');
    await ctx.carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'cod_remitted', amount: 1000 });

    const done = await ctx.stateOf(order.id, (state) => state.phase === 'completed');
    expect(done.appliedEvents).toHaveLength(4);
    await eventually(async () => expect((await attributes()).get(searchAttributes.businessStatus)).toBe('completed'));
    // Every step is labelled in the UI's timeline (user metadata), not only named by its function.
    const history = await ctx.stack.temporal.workflow.getHandle(handoverWorkflowId(order.id)).fetchHistory();
    const scheduled = (history.events ?? []).filter((event) => event.activityTaskScheduledEventAttributes);
    expect(scheduled.length).toBeGreaterThan(5);
    expect(scheduled.filter((event) => !event.userMetadata?.summary)).toEqual([]);
    expect(done.breaches).toEqual([]);
    const em = ctx.stack.orm.em.fork();
    expect((await em.findOneOrFail(Order, { id: order.id })).status).toBe('completed');
    const timeline = await em.find(OrderEvent, { order: order.id }, { orderBy: { occurredAt: 'asc' } });
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['handed_over', 'picked_up', 'in_transit', 'delivered', 'cod_remitted', 'completed']),
    );
    expect(timeline.filter((event) => event.type === 'in_transit')).toHaveLength(1);
    expect(await em.count(LogisticsWebhookEvent, { orderId: order.id })).toBe(4);

    const copy = await ctx.stack.app.inject({
      method: 'GET',
      url: `/handovers/${slipId}/copy?format=html`,
      headers: ctx.as(ctx.courier()),
    });
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toContain('text/html');
    expect(copy.body).toContain('Zhang San');
  });

  it('a slip edited in the database after signing no longer verifies (§8.3)', async () => {
    const { order, onePackage } = await createConfirmedOrder(ctx.stack.orm, ctx.cipher, ctx.parties);
    const { slipId, sign } = await ctx.draftAndSign(order.id, onePackage);
    await sign(ctx.merchant(), 'Zhang San');
    await sign(ctx.courier(), 'Li Si');
    const before = await ctx.stack.app.inject({
      method: 'GET',
      url: `/handovers/${slipId}`,
      headers: ctx.as(ctx.merchant()),
    });
    expect(before.json().signatures.map((s: { verified: boolean }) => s.verified)).toEqual([true, true]);

    await ctx.stack.orm.em
      .getConnection()
      .execute(`update handover_slip set declared_value = declared_value - 10000 where id = ?`, [slipId]);

    const after = await ctx.stack.app.inject({
      method: 'GET',
      url: `/handovers/${slipId}`,
      headers: ctx.as(ctx.merchant()),
    });
    expect(after.json().signatures.map((s: { verified: boolean }) => s.verified)).toEqual([false, false]);
  });
});
