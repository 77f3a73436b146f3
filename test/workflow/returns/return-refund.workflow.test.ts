import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { returnSignals, returnUpdates, RETURN_STEP_CLOSED } from '../../../workflows/returns/return-refund.definitions';
import { recordHistory } from '../../helpers/histories';
import {
  APPROVED_BY_MERCHANT,
  fakeReturnActivities,
  REFUNDED_AND_TOLD,
  returnWorkflowHarness,
  waitForReturnState,
  type FakeOptions,
  type ReturnHandle as Handle,
} from '../../helpers/return-workflow';
import { HOUR } from '../../helpers/time';
import { useTimeSkippingEnv } from '../../helpers/workflow-env';

type Fake = ReturnType<typeof fakeReturnActivities>;

async function closedStep(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe(RETURN_STEP_CLOSED);
  return (cause as ApplicationFailure).message;
}

describe('returnRefundWorkflow (T/QGCML 3125 §6.4, §7.1.2, §4.8)', () => {
  const env = useTimeSkippingEnv();
  const harness = returnWorkflowHarness(env);

  const run = (options: FakeOptions, drive: (handle: Handle, fake: Fake) => Promise<void>) =>
    harness.run(fakeReturnActivities(env(), options), drive);

  const approve = (handle: Handle, returnAddress?: string) =>
    handle.executeUpdate(returnUpdates.approve, {
      args: [{ by: 'merchant-1', ...(returnAddress ? { returnAddress } : {}) }],
    });
  const sign = async (handle: Handle, fake: Fake, party: 'merchant' | 'carrier') => {
    fake.slip[party === 'merchant' ? 'merchantSigned' : 'carrierSigned'] = true;
    await handle.signal(returnSignals.slipChanged, { returnId: 'r' });
  };
  const carrierEvent = (handle: Handle, type: 'picked_up' | 'in_transit', eventId: string) =>
    handle.signal(returnSignals.shipmentEvent, {
      eventId,
      type,
      shipmentId: 'shp_r1',
      occurredAt: new Date().toISOString(),
      amount: null,
    });

  it('refund only, approved by the merchant → refunded once; the consumer and finance are told', async () => {
    const { result, fake, state } = await run({ kind: 'refund_only' }, async (handle) => {
      expect(await approve(handle)).toEqual({ status: 'approved' });
    });
    expect(result).toEqual({ returnId: expect.any(String), status: 'refunded', refundAmount: 27800 });
    expect(state.breaches).toEqual([]);
    expect(fake.calls).toEqual([...APPROVED_BY_MERCHANT, ...REFUNDED_AND_TOLD]);
    expect(fake.ledger.size).toBe(1);
  });

  it('a goodwill refund granted by staff → paid straight away, no merchant decision (§4.8)', async () => {
    const { result, fake, state } = await run(
      { kind: 'goodwill', preApprovedBy: 'staff-1', refundAmount: 5000 },
      async () => undefined,
    );
    expect(result).toEqual({ returnId: expect.any(String), status: 'refunded', refundAmount: 5000 });
    expect(state.decidedBy).toBe('staff-1');
    expect(fake.calls).toEqual(['planReturn', ...REFUNDED_AND_TOLD]);
  });

  it('a silent merchant → the platform approves at approveBy, the merchant is charged a breach and staff told (§4.8)', async () => {
    const { result, fake, state, handle } = await run({ kind: 'return' }, async (handle, fake) => {
      await env().sleep(HOUR + 1_000);
      await waitForReturnState(handle, (state) => state.decidedBy === 'platform');
      // The merchant's late answer is refused with the real outcome (the API's 409).
      expect(await closedStep(approve(handle))).toMatch(/approved by the platform/);
      await sign(handle, fake, 'carrier');
      await sign(handle, fake, 'merchant');
      await env().sleep(9 * HOUR);
    });
    await recordHistory(handle, 'return-refund-silent-merchant');
    expect(result.status).toBe('refunded');
    expect(state.decidedBy).toBe('platform');
    // Silent at the inspection too: a second breach of the merchant's.
    expect(state.breaches).toEqual([
      { obligation: 'return_approval', party: 'merchant', dueAt: state.approveBy },
      { obligation: 'return_inspection', party: 'merchant', dueAt: state.inspectBy },
    ]);
    // Reminded at three quarters of the time, before the platform steps in.
    expect(fake.calls.indexOf('mail:return_deadline_reminder_merchant')).toBeLessThan(
      fake.calls.indexOf('decision:approved:platform'),
    );
    expect(fake.calls).toEqual(
      expect.arrayContaining([
        'decision:approved:platform',
        'breach:return_approval:merchant',
        'mail:return_breach_staff',
        'refunded',
      ]),
    );
  });

  it('rejected by the merchant → rejected, the consumer told the reason', async () => {
    const { result, fake } = await run({ kind: 'return' }, async (handle) => {
      const rejected = await handle.executeUpdate(returnUpdates.reject, {
        args: [{ by: 'merchant-1', reason: 'worn' }],
      });
      expect(rejected).toEqual({ status: 'rejected' });
    });
    expect(result).toEqual({ returnId: expect.any(String), status: 'rejected' });
    expect(fake.calls).toEqual([
      'planReturn',
      'mail:return_requested_merchant',
      'decision:rejected:merchant-1',
      'mail:return_decided_consumer',
    ]);
  });

  it('a return: shipment booked once with the workflow’s key, carrier events (consumer told), both sign (consumer told), partial inspection → refund of what was accepted', async () => {
    const { result, fake, state, handle, returnId } = await run({ kind: 'return' }, async (handle, fake) => {
      // Nothing to inspect before the return is approved.
      expect(
        await closedStep(handle.executeUpdate(returnUpdates.inspect, { args: [{ by: 'merchant-1', lines: [] }] })),
      ).toMatch(/is requested; the inspection is closed/);
      await approve(handle, 'Tea House, 1 Nanjing Rd, Shanghai');
      expect(await closedStep(approve(handle))).toMatch(/is approved; the decision is closed/);
      await carrierEvent(handle, 'picked_up', 'e1');
      await carrierEvent(handle, 'picked_up', 'e1'); // a redelivered event has no second effect
      await carrierEvent(handle, 'in_transit', 'e2');
      await sign(handle, fake, 'carrier');
      await sign(handle, fake, 'merchant');
      await env().sleep(1_000);
      const inspected = await handle.executeUpdate(returnUpdates.inspect, {
        args: [
          {
            by: 'merchant-1',
            lines: [
              { productId: 'tea', received: 2, accepted: 1, condition: 'as_new' },
              { productId: 'cups', received: 1, accepted: 0, condition: 'damaged' },
            ],
          },
        ],
      });
      expect(inspected).toEqual({ status: 'received' });
    });
    await recordHistory(handle, 'return-refund-partial-inspection');
    expect(result.status).toBe('refunded');
    expect(state.breaches).toEqual([]);
    expect(fake.calls).toEqual([
      ...APPROVED_BY_MERCHANT,
      `bookReturnShipment:return:${returnId}:book-shipment`,
      'event:picked_up',
      // §6.4 the consumer is told each step: on the way back, then received by the merchant.
      'mail:return_in_transit_consumer',
      'event:in_transit',
      'received',
      'mail:return_received_consumer',
      'inspection:merchant-1:1',
      ...REFUNDED_AND_TOLD,
    ]);
  });

  it('late carrier and an uninspected return → carrier and merchant breaches; what the slip says is accepted and refunded', async () => {
    const { result, fake, state } = await run({ kind: 'return' }, async (handle, fake) => {
      await approve(handle);
      await env().sleep(25 * HOUR);
      await sign(handle, fake, 'carrier');
      await sign(handle, fake, 'merchant');
      await env().sleep(9 * HOUR);
    });
    expect(result.status).toBe('refunded');
    expect(state.breaches.map((b) => `${b.obligation}:${b.party}`)).toEqual([
      'return_shipment:carrier',
      'return_inspection:merchant',
    ]);
    expect(fake.calls).toContain('inspection:platform:as_handed_over');
  });

  it('nothing accepted at inspection → inspection_failed, the consumer told why, no refund', async () => {
    const { result, fake } = await run({ kind: 'return' }, async (handle, fake) => {
      await approve(handle);
      await sign(handle, fake, 'carrier');
      await sign(handle, fake, 'merchant');
      await env().sleep(1_000);
      const outcome = await handle.executeUpdate(returnUpdates.inspect, {
        args: [{ by: 'merchant-1', lines: [{ productId: 'tea', received: 0, accepted: 0, condition: 'missing' }] }],
      });
      expect(outcome).toEqual({ status: 'inspection_failed' });
    });
    expect(result).toEqual({ returnId: expect.any(String), status: 'inspection_failed' });
    expect(fake.calls).toContain('mail:return_inspection_failed_consumer');
    expect(fake.calls).not.toContain('fixReturnRefund');
    expect(fake.ledger.size).toBe(0);
  });

  it('a refund that fails twice then succeeds → one refund, with the one key `return:<id>:refund` (§7.1.2)', async () => {
    const { result, fake, returnId, state } = await run({ kind: 'refund_only', refundFailures: 2 }, (handle) =>
      approve(handle).then(() => undefined),
    );
    expect(result.status).toBe('refunded');
    expect(fake.refundCalls()).toBe(3);
    expect([...fake.ledger]).toEqual([[`return:${returnId}:refund`, 27800]]);
    expect(fake.calls.filter((call) => call === 'refunded')).toHaveLength(1);
    expect(state.breaches).toEqual([]);
  });

  it('a refund still failing near its deadline → refund_pending and a staff task; past it a platform breach; then refunded once', async () => {
    const { result, fake, state } = await run(
      { kind: 'refund_only', refundTermMs: 2 * HOUR, refundFailsForMs: 2.5 * HOUR },
      (handle) => approve(handle).then(() => undefined),
    );
    expect(result.status).toBe('refunded');
    expect(fake.calls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^refund_pending:.*payment provider unavailable/),
        'mail:refund_pending_staff',
        'mail:return_refund_pending_consumer',
        'breach:refund:platform',
        'refunded',
      ]),
    );
    expect(fake.calls.indexOf('mail:refund_pending_staff')).toBeLessThan(fake.calls.indexOf('breach:refund:platform'));
    expect(state.breaches).toEqual([{ obligation: 'refund', party: 'platform', dueAt: state.refundBy }]);
    expect(fake.ledger.size).toBe(1);
  }, 120_000);
});
