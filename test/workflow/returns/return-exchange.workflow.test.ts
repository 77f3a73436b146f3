import {
  handoverSlipChangedSignal,
  logisticsEventSignal,
  replacementHandoverWorkflowId,
} from '../../../workflows/delivery/delivery-handover.definitions';
import { returnSignals, returnUpdates } from '../../../workflows/returns/return-refund.definitions';
import { recordHistory } from '../../helpers/histories';
import {
  REFUNDED_AND_TOLD,
  returnWorkflowHarness,
  waitForReturnState,
  type ReturnHandle as Handle,
} from '../../helpers/return-workflow';
import { useTimeSkippingEnv } from '../../helpers/workflow-env';
import { fakeExchangeActivities } from './exchange-fakes';

type Fake = ReturnType<typeof fakeExchangeActivities>;

describe('returnRefundWorkflow, exchange (T/QGCML 3125 §6.4; §4.8, §5.7 exchange as a remedy)', () => {
  const env = useTimeSkippingEnv();
  const { run } = returnWorkflowHarness(env, { id: 'x', queue: 'exchange' });

  /** Approve, send back (both sign the return slip), inspect one of two teas accepted. */
  async function exchange(
    inStock: boolean,
    afterInspection: (handle: Handle, fake: Fake, returnId: string) => Promise<void>,
  ) {
    const fake = fakeExchangeActivities(env(), { inStock, refundAmount: 12800 });
    return run(fake, async (handle, fake, returnId) => {
      await handle.executeUpdate(returnUpdates.approve, { args: [{ by: 'merchant-1' }] });
      fake.slip.carrierSigned = true;
      fake.slip.merchantSigned = true;
      await handle.signal(returnSignals.slipChanged, { returnId });
      await waitForReturnState(handle, (state) => state.status === 'received');
      await handle.executeUpdate(returnUpdates.inspect, {
        args: [{ by: 'merchant-1', lines: [{ productId: 'tea', received: 2, accepted: 1, condition: 'as_new' }] }],
      });
      await afterInspection(handle, fake, returnId);
    });
  }

  it('in stock → the replacement ships through its own delivery handover, and the return is exchanged when it is delivered', async () => {
    const { result, state, fake, handle, returnId } = await exchange(true, async (handle, fake, returnId) => {
      await waitForReturnState(handle, (state) => state.replacement?.outcome === 'shipping');
      // The replacement's handover: a new slip signed by merchant and courier (§6.2.2), tracked by the carrier.
      const handover = env().client.workflow.getHandle(replacementHandoverWorkflowId(returnId));
      fake.replacementSlip.merchantSigned = true;
      fake.replacementSlip.carrierSigned = true;
      await handover.signal(handoverSlipChangedSignal, { slipId: 'slip-r' });
      const at = new Date(Number(await env().currentTimeMs())).toISOString();
      await handover.signal(logisticsEventSignal, {
        eventId: 'r-e1',
        type: 'delivered',
        shipmentId: 'shp_replacement',
        occurredAt: at,
        amount: null,
      });
    });
    await recordHistory(handle, 'return-refund-exchange-delivered');
    expect(result).toEqual({ returnId, status: 'exchanged' });
    expect(state.status).toBe('exchanged');
    expect(state.replacement).toEqual({ handoverId: `handover:return:${returnId}`, outcome: 'delivered' });
    const handoverId = replacementHandoverWorkflowId(returnId);
    expect(fake.calls).toEqual(
      expect.arrayContaining([
        'reserveReplacement:reserved',
        `bookShipment:replacement:${returnId}:${handoverId}:book-shipment`,
        `shipmentEvent:replacement:${returnId}:delivered`,
        `deliveryCompleted:replacement:${returnId}`,
        'replacement:delivered',
        'mail:return_exchanged_consumer',
      ]),
    );
    // The return completes only after the replacement was delivered, and nothing is refunded.
    expect(fake.calls.indexOf('replacement:delivered')).toBeGreaterThan(
      fake.calls.indexOf(`deliveryCompleted:replacement:${returnId}`),
    );
    expect(fake.calls).not.toContain('fixReturnRefund');
    expect(fake.ledger.size).toBe(0);
  });

  it('out of stock → refunded the accepted value instead, once, and the consumer told why', async () => {
    const { result, state, fake, returnId } = await exchange(false, async () => undefined);
    expect(result).toEqual({ returnId, status: 'refunded', refundAmount: 12800 });
    expect(state.replacement).toEqual({ outcome: 'out_of_stock' });
    const fromReservation = fake.calls.slice(fake.calls.indexOf('reserveReplacement:out_of_stock'));
    expect(fromReservation).toEqual([
      'reserveReplacement:out_of_stock',
      'mail:return_exchange_unavailable_consumer',
      ...REFUNDED_AND_TOLD,
    ]);
    expect([...fake.ledger]).toEqual([[`return:${returnId}:refund`, 12800]]);
    expect(fake.calls.some((call) => call.startsWith('bookShipment:replacement'))).toBe(false);
  });
});
