import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import { eventually } from '../../helpers/eventually';
import { useReturnsStack } from '../../helpers/returns-stack';

// Deadlines and faults of returns on the real stack, with commitments in seconds on 7x24
// (T/QGCML 3125 §4.8 silence is consent, the platform steps in; §6.4, §7.1.2 a refund
// retried with one key until it goes through).
describe('returns: a silent merchant and a refund whose answers are lost', () => {
  const ctx = useReturnsStack('returns_deadlines');

  const refundOnly = async (beforeAsking: () => Promise<void> = async () => undefined) => {
    const { order, tea } = await ctx.deliveredOrder();
    await ctx.setCommitments({ returnApproval: 'PT2S' });
    await beforeAsking();
    const asked = await ctx.inject('POST', `/orders/${order.id}/returns`, ctx.consumer(), {
      type: 'refund_only',
      reason: 'quality',
      items: [{ productId: tea.productId, quantity: 1 }],
    });
    expect(asked.statusCode).toBe(201);
    return { order, returnId: asked.json().id as string };
  };

  it('a merchant who stays silent → the platform approves and refunds; the breach is in /reports/sla (§4.8)', async () => {
    const { order, returnId } = await refundOnly();
    const refunded = await ctx.returnOnce(returnId, (view) => expect(view.status).toBe('refunded'));
    expect(refunded).toMatchObject({
      decision: { by: 'platform' },
      refund: { goods: 26800, deliveryFee: 1000, total: 27800 },
    });
    const late = await ctx.inject('POST', `/returns/${returnId}/approve`, ctx.merchant(), {});
    expect(late.statusCode).toBe(409);

    const report = (await ctx.inject('GET', '/reports/sla', 'staff')).json();
    const merchant = report.merchants.find((row: { merchantId: string }) => row.merchantId === order.merchantId);
    expect(merchant.return_approval).toMatchObject({ breached: 1 });
    expect(merchant.breaches).toEqual(
      expect.arrayContaining([expect.objectContaining({ obligation: 'return_approval', subjectId: returnId })]),
    );
  });

  it('staff decide in the merchant’s place only with a reason, which the audit trail keeps (§4.8)', async () => {
    const { order, tea } = await ctx.deliveredOrder();
    await ctx.setCommitments({ returnApproval: 'PT1H' });
    const asked = await ctx.inject('POST', `/orders/${order.id}/returns`, ctx.consumer(), {
      type: 'return',
      reason: 'no_reason',
      items: [{ productId: tea.productId, quantity: 1 }],
    });
    const returnId = asked.json().id as string;
    const staff = { sub: randomUUID(), role: 'staff' } as const;

    const unexplained = await ctx.inject('POST', `/returns/${returnId}/approve`, staff, {});
    expect(unexplained.statusCode).toBe(422);
    expect(unexplained.json().errors[0].field).toBe('note');
    const rejected = await ctx.inject('POST', `/returns/${returnId}/reject`, staff, { reason: 'opened and used' });
    expect(rejected.json()).toEqual({ id: returnId, status: 'rejected' });

    const view = (await ctx.inject('GET', `/returns/${returnId}`, ctx.consumer())).json();
    expect(view.decision).toMatchObject({ by: staff.sub, rejectReason: 'opened and used' });
    const audit = await ctx.stack.orm.em.fork().find(AuditEvent, { action: 'return.reject', entityId: returnId });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorSub: staff.sub,
      details: { onBehalfOfMerchant: order.merchantId, reason: 'opened and used' },
    });
  });

  it('a refund whose answer is lost twice (processed, then the connection dropped) → one refund in the ledger (§7.1.2)', async () => {
    const sandbox = ctx.stack.paymentSandbox;
    try {
      // From the request on, the gateway refunds but its answer never arrives.
      const { order, returnId } = await refundOnly(() => sandbox.setFaults({ failureRate: 1, failurePoint: 'after' }));
      await eventually(async () => {
        const { raw } = await ctx.processOf(returnId).describe();
        const refund = raw.pendingActivities?.find((activity) => activity.activityType?.name === 'refundReturn');
        expect(refund?.attempt ?? 0).toBeGreaterThanOrEqual(3);
      }, 30_000);
      await sandbox.resetFaults();
      await ctx.returnOnce(returnId, (view) => expect(view.status).toBe('refunded'), 30_000);
      expect(await sandbox.ledger(order.id)).toMatchObject({ refunds: 1, refundedAmount: 27800 });
      const record = (await ctx.inject('GET', `/orders/${order.id}/payments`, ctx.consumer())).json();
      expect(record.items.filter((p: { operation: string }) => p.operation === 'refund')).toHaveLength(1);
    } finally {
      await sandbox.resetFaults();
    }
  });
});
