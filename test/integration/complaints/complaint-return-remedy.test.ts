import { eventually } from '../../helpers/eventually';
import { useReturnsStack } from '../../helpers/returns-stack';

// T/QGCML 3125 §4.8, §5.7 (return as a complaint remedy) and §6.4 through HTTP on the real
// stack, commitments in seconds on 7x24: a quality complaint the merchant answers in time
// with a return proposal the consumer accepts → a return for everything delivered, linked
// to the complaint, runs its own process to the refund → the complaint resolves with it.
describe('complaints: an accepted return remedy runs the returns process to its end', () => {
  const ctx = useReturnsStack('complaint_return');
  const inject = ctx.inject;

  beforeAll(async () => {
    await ctx.setCommitments({
      handover: 'PT1H',
      delivery: 'PT1H',
      codRemittance: 'PT1H',
      complaintFirstResponse: 'PT60S',
      merchantComplaintResponse: 'PT30S',
    });
  });

  it('a quality complaint answered in time with a return the consumer accepts → a return is refunded and the complaint resolves with it', async () => {
    const { order, tea, cups } = await ctx.deliveredOrder();
    const consumer = ctx.consumer();

    const filed = await inject('POST', '/complaints', consumer, {
      orderId: order.id,
      category: 'quality',
      description: 'The tea tastes of smoke',
      desiredRemedy: 'return',
    });
    expect(filed.statusCode).toBe(201);
    const complaintId = filed.json().id as string;
    expect(filed.json()).toMatchObject({ responsibleParty: { kind: 'merchant' }, returnId: null });

    const answered = await inject('POST', `/complaints/${complaintId}/responses`, ctx.merchant(), {
      message: 'Sorry: send it back and we refund you.',
      proposal: { remedy: 'return' },
    });
    expect(answered.statusCode).toBe(200);
    const accepted = await inject('POST', `/complaints/${complaintId}/proposal-decision`, consumer, { accept: true });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('responded');

    // The return exists for the order, for everything delivered, with the complaint's reason and link.
    const returnId = await eventually(async () => {
      const view = (await inject('GET', `/complaints/${complaintId}`, consumer)).json();
      expect(view.returnId).toEqual(expect.any(String));
      return view.returnId as string;
    });
    const listed = (await inject('GET', `/orders/${order.id}/returns`, consumer)).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ id: returnId, status: 'requested', type: 'return', reason: 'quality', complaintId }),
    ]);
    expect(
      listed.items[0].items.map((line: { productId: string; quantity: number }) => [line.productId, line.quantity]),
    ).toEqual(
      expect.arrayContaining([
        [tea.productId, 2],
        [cups.productId, 1],
      ]),
    );
    // Everything is held by the complaint's return: the consumer cannot ask for it twice.
    const again = await inject('POST', `/orders/${order.id}/returns`, consumer, {
      type: 'return',
      reason: 'quality',
      items: [{ productId: cups.productId, quantity: 1 }],
    });
    expect(again.statusCode).toBe(422);

    // The return runs as any other (§6.4): approve, carrier, both sign, inspect, refund.
    const approved = await inject('POST', `/returns/${returnId}/approve`, ctx.merchant(), {
      returnAddress: 'Tea House, 1 Nanjing Rd, Shanghai',
    });
    expect(approved.json()).toEqual({ id: returnId, status: 'approved' });
    const shipment = await ctx.returnOnce(returnId, (view) =>
      expect((view.shipment as { shipmentId?: string } | null)?.shipmentId).toEqual(expect.any(String)),
    );
    await ctx.carrierAdmin(`/admin/shipments/${(shipment.shipment as { shipmentId: string }).shipmentId}/events`, {
      type: 'picked_up',
    });
    await ctx.returnOnce(returnId, (view) => expect(view.status).toBe('in_transit'));
    const sign = (who: ReturnType<typeof ctx.merchant>, custodianName: string) =>
      inject('POST', `/returns/${returnId}/slip/sign`, who, { custodianName });
    expect((await sign(ctx.courier(), 'Li Si')).statusCode).toBe(200);
    expect((await sign(ctx.merchant(), 'Zhang San')).statusCode).toBe(200);
    await ctx.returnOnce(returnId, (view) => expect(view.status).toBe('received'));
    const inspected = await inject('POST', `/returns/${returnId}/inspection`, ctx.merchant(), {
      lines: [
        { productId: tea.productId, received: 2, accepted: 2, condition: 'as_new' },
        { productId: cups.productId, received: 1, accepted: 1, condition: 'as_new' },
      ],
    });
    expect(inspected.json()).toEqual({ id: returnId, status: 'received' });
    const refunded = await ctx.returnOnce(returnId, (view) => expect(view.status).toBe('refunded'));
    const total = (refunded.refund as { total: number }).total;
    expect(total).toBeGreaterThan(0);
    expect(await ctx.stack.paymentSandbox.ledger(order.id)).toMatchObject({ refunds: 1, refundedAmount: total });

    // …and the complaint resolves with the return's outcome (§5.7 result tracking).
    const resolved = await eventually(async () => {
      const view = (await inject('GET', `/complaints/${complaintId}`, consumer)).json();
      expect(view.status).toBe('resolved');
      return view;
    }, 30_000);
    expect(resolved.returnId).toBe(returnId);
    expect(resolved.resolution).toMatchObject({
      remedy: 'return',
      summary: expect.stringMatching(new RegExp(`^return ${returnId} refunded ¥`)),
    });
    expect(resolved.messages.map((message: { body: string }) => message.body)).toEqual(
      expect.arrayContaining([`return ${returnId} started for the accepted return`]),
    );
    // The consumer is told the complaint is resolved (once, bilingual).
    await eventually(async () =>
      expect(
        ctx.stack.smtp.received.filter((mail) => mail.parsed.subject?.includes(`Complaint resolved: ${complaintId}`)),
      ).toHaveLength(1),
    );
  });
});
