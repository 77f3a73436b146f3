import type { Client } from '@temporalio/client';
import { returnStateQuery } from '../../../workflows/returns/return-refund.definitions';
import { eventually } from '../../helpers/eventually';
import { useReturnsStack } from '../../helpers/returns-stack';

// Found by the chaos run (issue 14), as for the delivery slip: the return slip's second
// signature commits, then Temporal is unreachable and the route cannot signal the return
// process. The retry is told 409 "already signed"; it signals the process again, so the
// goods are recorded received (T/QGCML 3125 §6.4, §6.2.2) instead of waiting for a change
// the process already missed.
describe('returns: a return slip signature retried after its signal was lost', () => {
  const ctx = useReturnsStack('return_slip_retry');

  it('signals the return process again on the 409, so the return is received (§6.4)', async () => {
    const { order, tea } = await ctx.deliveredOrder();
    const asked = await ctx.inject('POST', `/orders/${order.id}/returns`, ctx.consumer(), {
      type: 'return',
      reason: 'damaged',
      items: [{ productId: tea.productId, quantity: 1 }],
    });
    expect(asked.statusCode).toBe(201);
    const returnId = asked.json().id as string;
    expect((await ctx.inject('POST', `/returns/${returnId}/approve`, ctx.merchant(), {})).statusCode).toBe(200);
    await ctx.returnOnce(returnId, (view) => expect(view.shipment).toMatchObject({ shipmentId: expect.any(String) }));
    const sign = (who: Parameters<typeof ctx.inject>[2], custodianName: string) =>
      ctx.inject('POST', `/returns/${returnId}/slip/sign`, who, { custodianName });
    expect((await sign(ctx.courier(), 'Li Si')).statusCode).toBe(200);
    // The process has read the courier's signature: only a signal makes it read the slip again.
    await eventually(async () =>
      expect(await ctx.processOf(returnId).query(returnStateQuery)).toMatchObject({ carrierSigned: true }),
    );

    // Temporal unreachable right after the merchant's signature commits: the signal fails.
    const workflow = (ctx.stack.app as unknown as { temporal: Client }).temporal.workflow;
    const lostSignal = jest.spyOn(workflow, 'getHandle').mockImplementationOnce(
      () =>
        ({
          signal: () => Promise.reject(new Error('14 UNAVAILABLE: connect ECONNREFUSED (test)')),
        }) as never,
    );
    expect((await sign(ctx.merchant(), 'Zhang San')).statusCode).toBeGreaterThanOrEqual(500);
    expect(lostSignal).toHaveBeenCalledTimes(1);
    lostSignal.mockRestore();

    expect((await sign(ctx.merchant(), 'Zhang San')).statusCode).toBe(409);
    await ctx.returnOnce(returnId, (view) => expect(view.status).toBe('received'));
  });
});
