import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../domain/principal';
import { chinaDate } from '../../../domain/china-time';
import { eventually } from '../../helpers/eventually';
import { useReturnsStack } from '../../helpers/returns-stack';
import { searchAttributes } from '../../../workflows/shared/search-attributes';

// A delivered order returned end to end through HTTP on the real stack (T/QGCML 3125 §6.4,
// §7.1.2, §5.3): request → approve → return shipment driven by the sandbox carrier's signed
// webhooks → both sign the return slip → partial inspection → one refund of exactly the
// accepted value plus the delivery fee (the merchant's fault), in the provider's ledger
// and the order's payment record.
describe('returns: a delivered order returned, inspected and refunded', () => {
  const ctx = useReturnsStack('returns_refund');
  const inject = ctx.inject;

  it('refunds exactly the accepted goods plus the delivery fee, once (§6.4, §7.1.2)', async () => {
    const { order, tea, cups } = await ctx.deliveredOrder();
    const consumer = ctx.consumer();
    const ask = (who: Principal, items: Array<{ productId: string; quantity: number }>) =>
      inject('POST', `/orders/${order.id}/returns`, who, { type: 'return', reason: 'damaged', items });

    const someoneElse = await ask({ sub: randomUUID(), role: 'consumer' }, [{ productId: tea.productId, quantity: 1 }]);
    expect(someoneElse.statusCode).toBe(404);
    const tooMany = await ask(consumer, [{ productId: tea.productId, quantity: 3 }]);
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors[0].field).toBe('items.0.quantity');

    const asked = await ask(consumer, [
      { productId: tea.productId, quantity: 2 },
      { productId: cups.productId, quantity: 1 },
    ]);
    expect(asked.statusCode).toBe(201);
    const returnId = asked.json().id as string;
    expect(asked.json()).toMatchObject({ status: 'requested', type: 'return', carrierId: ctx.parties.carrier.id });
    expect(Date.parse(asked.json().approveBy)).toBeGreaterThan(Date.now());
    // Everything is now being returned: nothing more can be asked.
    expect((await ask(consumer, [{ productId: cups.productId, quantity: 1 }])).statusCode).toBe(422);

    const approved = await inject('POST', `/returns/${returnId}/approve`, ctx.merchant(), {
      returnAddress: 'Tea House, 1 Nanjing Rd, Shanghai',
    });
    expect(approved.json()).toEqual({ id: returnId, status: 'approved' });
    // Staff find the return in the Temporal UI by its keys and read at a glance what it is (§8.7).
    const process = ctx.stack.temporal.workflow.getHandle(`return:${returnId}`);
    const described = await process.describe();
    expect(await described.staticSummary()).toBe(
      `Return ${returnId} (return) of order ${order.id}, merchant decides by ${asked.json().approveBy}`,
    );
    expect(await described.staticDetails()).not.toMatch(/Zhang|Li Si|Tea House/);
    expect(described.typedSearchAttributes.get(searchAttributes.returnId)).toBe(returnId);
    expect(described.typedSearchAttributes.get(searchAttributes.orderId)).toBe(order.id);
    expect(described.typedSearchAttributes.get(searchAttributes.carrierId)).toBe(ctx.parties.carrier.id);
    await eventually(async () => {
      const found = [];
      for await (const run of ctx.stack.temporal.workflow.list({
        query: `ReturnId="${returnId}" AND BusinessStatus="approved"`,
      }))
        found.push(run.workflowId);
      expect(found).toEqual([`return:${returnId}`]);
    });
    expect(
      (await inject('POST', `/returns/${returnId}/reject`, ctx.merchant(), { reason: 'too late' })).statusCode,
    ).toBe(409);

    const shipmentId = await eventually(async () => {
      const view = (await inject('GET', `/returns/${returnId}`, consumer)).json();
      expect(view.shipment?.shipmentId).toEqual(expect.any(String));
      return view.shipment.shipmentId as string;
    });
    await ctx.carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'picked_up' });
    await eventually(async () =>
      expect((await inject('GET', `/returns/${returnId}`, consumer)).json().status).toBe('in_transit'),
    );

    const signSlip = (who: Principal, custodianName: string) =>
      inject('POST', `/returns/${returnId}/slip/sign`, who, { custodianName });
    expect((await signSlip(ctx.courier(ctx.parties.otherCarrier.id), 'Wang')).statusCode).toBe(404);
    expect((await signSlip(ctx.courier(), 'Li Si')).statusCode).toBe(200);
    const bothSigned = await signSlip(ctx.merchant(), 'Zhang San');
    expect(bothSigned.statusCode).toBe(200);
    expect(
      bothSigned.json().signatures.map((s: { party: string; verified: boolean }) => [s.party, s.verified]),
    ).toEqual([
      ['merchant', true],
      ['carrier', true],
    ]);
    await eventually(async () =>
      expect((await inject('GET', `/returns/${returnId}`, consumer)).json().status).toBe('received'),
    );

    const inspected = await inject('POST', `/returns/${returnId}/inspection`, ctx.merchant(), {
      lines: [
        { productId: tea.productId, received: 2, accepted: 1, condition: 'as_new' },
        { productId: cups.productId, received: 1, accepted: 0, condition: 'damaged', note: 'cracked' },
      ],
    });
    expect(inspected.json()).toEqual({ id: returnId, status: 'received' });

    const refunded = await eventually(async () => {
      const view = (await inject('GET', `/returns/${returnId}`, consumer)).json();
      expect(view.status).toBe('refunded');
      return view;
    });
    expect(refunded.refund).toMatchObject({ goods: 26800, deliveryFee: 1000, total: 27800, currency: 'CNY' });

    const record = (await inject('GET', `/orders/${order.id}/payments`, consumer)).json();
    const refunds = record.items.filter((p: { operation: string }) => p.operation === 'refund');
    expect(refunds).toEqual([expect.objectContaining({ amount: 27800, status: 'succeeded' })]);
    expect(refunds[0].providerTransactionId).toBe(refunded.refund.providerTransactionId);
    // §7.1.2 verifiable: when the provider took it and the day it settles, as the provider itself says.
    const atProvider = await ctx.stack.paymentSandbox.payments.getTransaction(refunds[0].providerTransactionId);
    expect(refunds[0]).toMatchObject({
      requestedAt: new Date(atProvider!.createdAt).toISOString(),
      settlementDate: chinaDate(new Date(atProvider!.createdAt)),
    });
    expect(atProvider?.settlementDate).toBe(refunds[0].settlementDate);
    const ledger = await ctx.stack.paymentSandbox.ledger(order.id);
    expect(ledger).toMatchObject({ refunds: 1, refundedAmount: 27800 });

    const timeline = (await inject('GET', `/orders/${order.id}`, consumer)).json().timeline;
    expect(timeline.map((step: { type: string }) => step.type)).toEqual(
      expect.arrayContaining([
        'return_requested',
        'return_approved',
        'return_received',
        'return_inspected',
        'return_refunded',
      ]),
    );
    // The process ends once the consumer and finance are told (§6.4 the platform and the bank notified).
    const outcome = await ctx.processOf(returnId).result();
    expect(outcome).toEqual({ returnId, status: 'refunded', refundAmount: 27800 });
    const finance = ctx.stack.smtp.received.filter((mail) => mail.envelopeTo.includes('finance@storeops.local'));
    expect(finance).toHaveLength(1);
    // §6.4 the consumer is told each step, once: the goods on their way back, then received.
    const subjects = ctx.stack.smtp.received.map((mail) => mail.parsed.subject ?? '');
    expect(subjects.filter((subject) => subject.includes('Return on its way'))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.includes('Merchant received your return'))).toHaveLength(1);
  });

  it('staff grant a goodwill refund on a delivered order without a return, within what is left (§4.8, §7.1.2)', async () => {
    const { order } = await ctx.deliveredOrder();
    const grant = (who: Principal | 'staff', amount: number) =>
      inject('POST', `/orders/${order.id}/goodwill-refunds`, who, { amount, reason: 'late delivery, sorry' });

    expect((await grant(ctx.consumer(), 5000)).statusCode).toBe(403);
    const tooMuch = await grant('staff', order.totalAmount() + 1);
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].field).toBe('amount');

    const granted = await grant('staff', 5000);
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ type: 'goodwill', status: 'approved', items: [] });
    const returnId = granted.json().id as string;
    expect(await ctx.processOf(returnId).result()).toEqual({ returnId, status: 'refunded', refundAmount: 5000 });

    const view = (await inject('GET', `/returns/${returnId}`, ctx.consumer())).json();
    expect(view.refund).toMatchObject({ total: 5000, deliveryFee: 0 });
    expect(await ctx.stack.paymentSandbox.ledger(order.id)).toMatchObject({ refunds: 1, refundedAmount: 5000 });
    const record = (await inject('GET', `/orders/${order.id}/payments`, ctx.consumer())).json();
    expect(record.items.filter((p: { operation: string }) => p.operation === 'refund')).toEqual([
      expect.objectContaining({ amount: 5000, status: 'succeeded' }),
    ]);
  });
});
