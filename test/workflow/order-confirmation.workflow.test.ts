import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createOrderActivities } from '../../activities/order-activities';
import { addServiceTime } from '../../domain/service-calendar';
import {
  cancelOrderUpdate,
  confirmOrderUpdate,
  orderStateQuery,
  ORDER_ALREADY_DECIDED,
  orderWorkflowId,
  rejectOrderUpdate,
} from '../../workflows/definitions/order-confirmation';
import { orderConfirmationWorkflow } from '../../workflows/order-confirmation';
import { recordHistory } from '../helpers/histories';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/workflow-env';

type Activities = ReturnType<typeof createOrderActivities>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Fake activities that log what the workflow asked for. The confirmation window is the
 * real calendar's answer for a virtual placement instant, laid over the test server's
 * clock, so the timers the workflow sets are the ones production would set.
 */
function fakeActivities(
  env: TestWorkflowEnvironment,
  options: {
    virtualPlacedAt?: Date;
    windowMs?: number;
    declined?: boolean;
    failing?: Partial<Record<keyof Activities, Error>>;
  } = {},
) {
  const calls: string[] = [];
  const callTimes: Record<string, number> = {};
  const step =
    <K extends keyof Activities>(name: K, result?: unknown) =>
    async (input: { purpose?: string }) => {
      const label = input?.purpose ? `${name}:${input.purpose}` : name;
      calls.push(label);
      callTimes[label] = env.currentTimeMs ? Number(await env.currentTimeMs()) : Date.now();
      const failure = options.failing?.[name];
      if (failure) throw failure;
      return result;
    };
  const activities = {
    async planOrderConfirmation() {
      calls.push('planOrderConfirmation');
      const now = Number(await env.currentTimeMs());
      let window = options.windowMs ?? 8 * HOUR;
      let reminder = Math.floor(window * 0.75);
      if (options.virtualPlacedAt) {
        const placed = options.virtualPlacedAt;
        window = addServiceTime(placed, 8 * HOUR, '5x8').getTime() - placed.getTime();
        reminder = addServiceTime(placed, 6 * HOUR, '5x8').getTime() - placed.getTime();
      }
      return {
        confirmBy: new Date(now + window).toISOString(),
        remindAt: new Date(now + reminder).toISOString(),
        commitmentVersion: 1,
      };
    },
    reserveStock: step('reserveStock'),
    releaseStock: step('releaseStock'),
    authorizePayment: step(
      'authorizePayment',
      options.declined ? { status: 'declined', declineCode: 'insufficient_funds' } : { status: 'authorized' },
    ),
    capturePayment: step('capturePayment'),
    voidPayment: step('voidPayment'),
    recordOrderConfirmed: step('recordOrderConfirmed'),
    recordOrderCancelled: async (input: { reason: string }) => {
      calls.push(`recordOrderCancelled:${input.reason}`);
    },
    recordSlaBreach: step('recordSlaBreach'),
    sendOrderMail: step('sendOrderMail'),
  } as unknown as Activities;
  return { activities, calls, callTimes };
}

/** The merchant's and the consumer's first mails go out in parallel, in either order. */
function withParallelMailsSorted(calls: string[]): string[] {
  const first = calls.findIndex((call) => call.startsWith('sendOrderMail:order_'));
  return [...calls.slice(0, first), ...calls.slice(first, first + 2).sort(), ...calls.slice(first + 2)];
}

describe('orderConfirmationWorkflow (T/QGCML 3125 §4.7 order confirmation control)', () => {
  let env: TestWorkflowEnvironment;
  let sequence = 0;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  async function run(activities: Activities, drive: (orderId: string) => Promise<void> = async () => undefined) {
    const orderId = `o-${++sequence}`;
    const taskQueue = `orders-${sequence}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities,
    });
    return worker.runUntil(async () => {
      const handle = await env.client.workflow.start(orderConfirmationWorkflow, {
        workflowId: orderWorkflowId(orderId),
        taskQueue,
        args: [{ orderId, merchantId: 'm-1', placedAt: new Date(Number(await env.currentTimeMs())).toISOString() }],
      });
      await drive(orderId);
      return { result: await handle.result(), handle, orderId };
    });
  }

  async function waitForStatusQueryable(orderId: string) {
    const handle = env.client.workflow.getHandle(orderWorkflowId(orderId));
    for (let attempt = 0; attempt < 50; attempt++) {
      const state = await handle.query(orderStateQuery);
      if (state.confirmBy) return handle;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('workflow never planned its deadline');
  }

  it('confirms when the merchant confirms in time: captures the payment and tells the consumer', async () => {
    const fake = fakeActivities(env);
    let outcome: unknown;
    const { result, handle } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      outcome = await handle.executeUpdate(confirmOrderUpdate, { args: [{ by: 'merchant-user' }] });
    });
    await recordHistory(handle, 'order-confirmation-confirmed');

    expect(outcome).toEqual({ status: 'confirmed' });
    expect(result).toEqual({ orderId: expect.any(String), status: 'confirmed' });
    expect(withParallelMailsSorted(fake.calls)).toEqual([
      'planOrderConfirmation',
      'reserveStock',
      'authorizePayment',
      'sendOrderMail:order_placed_merchant',
      'sendOrderMail:order_received_consumer',
      'capturePayment',
      'recordOrderConfirmed',
      'sendOrderMail:order_confirmed_consumer',
    ]);
  });

  it('cancels a rejected order: voids the authorisation, releases the stock, records merchant_rejected', async () => {
    const fake = fakeActivities(env);
    let outcome: unknown;
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      outcome = await handle.executeUpdate(rejectOrderUpdate, {
        args: [{ by: 'merchant-user', reason: 'out of stock' }],
      });
    });

    expect(outcome).toEqual({ status: 'cancelled', cancelReason: 'merchant_rejected' });
    expect(result.cancelReason).toBe('merchant_rejected');
    expect(fake.calls.slice(-4)).toEqual([
      'voidPayment',
      'releaseStock',
      'recordOrderCancelled:merchant_rejected',
      'sendOrderMail:order_cancelled_consumer',
    ]);
    expect(fake.calls).not.toContain('capturePayment');
  });

  it('lets the consumer cancel before confirmation', async () => {
    const fake = fakeActivities(env);
    let outcome: unknown;
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      outcome = await handle.executeUpdate(cancelOrderUpdate, { args: [{ by: 'consumer-1' }] });
    });

    expect(outcome).toEqual({ status: 'cancelled', cancelReason: 'consumer_cancelled' });
    expect(result.cancelReason).toBe('consumer_cancelled');
    expect(fake.calls).not.toContain('capturePayment');
  });

  it('accepts only the first of two racing decisions; the other is refused as already decided', async () => {
    const fake = fakeActivities(env);
    let decisions: PromiseSettledResult<unknown>[] = [];
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      decisions = await Promise.allSettled([
        handle.executeUpdate(confirmOrderUpdate, { args: [{ by: 'merchant-user' }] }),
        handle.executeUpdate(cancelOrderUpdate, { args: [{ by: 'consumer-1' }] }),
      ]);
    });

    const accepted = decisions.filter((decision) => decision.status === 'fulfilled') as PromiseFulfilledResult<{
      status: string;
    }>[];
    const refused = decisions.filter((decision) => decision.status === 'rejected') as PromiseRejectedResult[];
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused[0]!.reason as WorkflowUpdateFailedError).cause).toMatchObject({ type: ORDER_ALREADY_DECIDED });
    expect(accepted[0]!.value.status).toBe(result.status);
  });

  it('goes on when a mail cannot be sent: the merchant can still confirm', async () => {
    const fake = fakeActivities(env, {
      failing: { sendOrderMail: ApplicationFailure.nonRetryable('no such mailbox') },
    });
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      await handle.executeUpdate(confirmOrderUpdate, { args: [{ by: 'merchant-user' }] });
    });

    expect(result.status).toBe('confirmed');
    expect(fake.calls).toContain('capturePayment');
  });

  it('cancels an order nobody confirmed within one working day across National Day 2026, after one reminder, and records the merchant breach', async () => {
    // Placed Wednesday 2026-09-30 16:00 Beijing time: one working hour that day, then the
    // holiday runs to 7 October, so 8 service hours end on Thursday 8 October at 16:00.
    const placed = new Date('2026-09-30T16:00:00+08:00');
    const fake = fakeActivities(env, { virtualPlacedAt: placed });
    const start = Number(await env.currentTimeMs());

    const { result, handle } = await run(fake.activities);
    await recordHistory(handle, 'order-confirmation-overdue');

    expect(result.cancelReason).toBe('confirmation_overdue');
    const expectedWindow = new Date('2026-10-08T16:00:00+08:00').getTime() - placed.getTime();
    const expectedReminder = new Date('2026-10-08T14:00:00+08:00').getTime() - placed.getTime();
    expect(fake.callTimes['sendOrderMail:order_confirmation_reminder_merchant']! - start).toBeGreaterThanOrEqual(
      expectedReminder,
    );
    expect(fake.callTimes['sendOrderMail:order_confirmation_reminder_merchant']! - start).toBeLessThan(
      expectedReminder + HOUR,
    );
    expect(fake.callTimes['recordSlaBreach']! - start).toBeGreaterThanOrEqual(expectedWindow);
    expect(fake.callTimes['recordSlaBreach']! - start).toBeLessThan(expectedWindow + HOUR);
    expect(expectedWindow).toBe(8 * DAY);
    expect(fake.calls.slice(-6)).toEqual([
      'sendOrderMail:order_confirmation_reminder_merchant',
      'recordSlaBreach',
      'voidPayment',
      'releaseStock',
      'recordOrderCancelled:confirmation_overdue',
      'sendOrderMail:order_cancelled_consumer',
    ]);
  });

  it('over a weekend: placed Friday 16:00, the deadline is Monday 16:00', async () => {
    const placed = new Date('2026-11-20T16:00:00+08:00');
    const fake = fakeActivities(env, { virtualPlacedAt: placed });
    const start = Number(await env.currentTimeMs());

    await run(fake.activities);

    expect(fake.callTimes['recordSlaBreach']! - start).toBeGreaterThanOrEqual(3 * DAY);
    expect(fake.callTimes['recordSlaBreach']! - start).toBeLessThan(3 * DAY + HOUR);
  });

  it('cancels with payment_declined when the authorisation is declined, releasing stock and voiding nothing', async () => {
    const fake = fakeActivities(env, { declined: true });
    const { result } = await run(fake.activities);

    expect(result).toEqual({ orderId: expect.any(String), status: 'cancelled', cancelReason: 'payment_declined' });
    expect(fake.calls).toEqual([
      'planOrderConfirmation',
      'reserveStock',
      'authorizePayment',
      'releaseStock',
      'recordOrderCancelled:payment_declined',
      'sendOrderMail:order_cancelled_consumer',
    ]);
  });

  it.each([
    ['authorizePayment', ['releaseStock']],
    ['reserveStock', []],
    ['capturePayment', ['voidPayment', 'releaseStock']],
  ] as const)('compensates everything done before %s fails for good', async (failingStep, compensations) => {
    const fake = fakeActivities(env, {
      failing: { [failingStep]: ApplicationFailure.nonRetryable(`${failingStep} refused`) },
    });
    const { result } = await run(fake.activities, async (orderId) => {
      if (failingStep !== 'capturePayment') return;
      const handle = await waitForStatusQueryable(orderId);
      await handle.executeUpdate(confirmOrderUpdate, { args: [{ by: 'merchant-user' }] });
    });

    expect(result.cancelReason).toBe('processing_failed');
    const afterFailure = fake.calls.slice(fake.calls.findIndex((call) => call.startsWith(failingStep)) + 1);
    expect(afterFailure.filter((call) => call === 'voidPayment' || call === 'releaseStock')).toEqual(compensations);
    expect(afterFailure).toContain('recordOrderCancelled:processing_failed');
  });

  it('still releases the stock when voiding the authorisation fails', async () => {
    const fake = fakeActivities(env, {
      windowMs: HOUR,
      failing: { voidPayment: ApplicationFailure.nonRetryable('gateway refused') },
    });
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      await handle.executeUpdate(rejectOrderUpdate, { args: [{ by: 'merchant-user', reason: 'no' }] });
    });

    expect(result.cancelReason).toBe('merchant_rejected');
    expect(fake.calls).toEqual(
      expect.arrayContaining(['voidPayment', 'releaseStock', 'recordOrderCancelled:merchant_rejected']),
    );
  });
});
