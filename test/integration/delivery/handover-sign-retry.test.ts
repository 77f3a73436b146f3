import type { Client } from '@temporalio/client';
import { createConfirmedOrder } from '../../helpers/delivery-fixtures';
import { useDeliveryStack } from '../../helpers/delivery-stack';

// Found by the chaos run (issue 14): a signature commits, then Temporal is unreachable and
// the route cannot signal the handover process (an error answer). The client retries, the
// slip says "already signed" (409) — and the process, never told, would wait for a change
// it already missed until the handover deadline, charging a breach for a signed slip
// (T/QGCML 3125 §6.2.2). The retried signature signals it again.
describe('handover: a signature retried after its signal was lost', () => {
  const ctx = useDeliveryStack('handover_sign_retry');

  it('nudges the handover process again on the 409, so it books the shipment (§6.2.2)', async () => {
    const { order, onePackage } = await createConfirmedOrder(ctx.stack.orm, ctx.cipher, ctx.parties);
    await ctx.startHandover(order.id);
    const { sign } = await ctx.draftAndSign(order.id, onePackage);
    expect((await sign(ctx.merchant(), 'Zhang San')).statusCode).toBe(200);
    await ctx.stateOf(order.id, (state) => state.merchantSigned);

    // Temporal unreachable right after the courier's signature commits: the signal fails.
    const workflow = (ctx.stack.app as unknown as { temporal: Client }).temporal.workflow;
    const lostSignal = jest.spyOn(workflow, 'getHandle').mockImplementationOnce(
      () =>
        ({
          signal: () => Promise.reject(new Error('14 UNAVAILABLE: connect ECONNREFUSED (test)')),
        }) as never,
    );
    const lost = await sign(ctx.courier(), 'Li Si');
    expect(lost.statusCode).toBeGreaterThanOrEqual(500);
    expect(lostSignal).toHaveBeenCalledTimes(1);
    lostSignal.mockRestore();

    const retried = await sign(ctx.courier(), 'Li Si');
    expect(retried.statusCode).toBe(409);
    const booked = await ctx.stateOf(order.id, (state) => state.shipmentId !== undefined);
    expect(booked).toMatchObject({ merchantSigned: true, carrierSigned: true });
  });
});
