import { recordHistory } from '../../helpers/histories';
import { fakeActivities, orderWorkflowHarness } from '../../helpers/order-workflow';
import { DAY, HOUR } from '../../helpers/time';
import { useTimeSkippingEnv } from '../../helpers/workflow-env';

// A file of its own: these tests need the server to skip days, which it cannot do while a
// confirmed order's handover child waits for a worker (order-confirmation.workflow.test.ts).
describe('orderConfirmationWorkflow: the one-working-day deadline (T/QGCML 3125 §4.7)', () => {
  const env = useTimeSkippingEnv();
  const { run } = orderWorkflowHarness(env);

  it('cancels an order nobody confirmed within one working day across National Day 2026, after one reminder, and records the merchant breach', async () => {
    // Placed Wednesday 2026-09-30 16:00 Beijing time: one working hour that day, then the
    // holiday runs to 7 October, so 8 service hours end on Thursday 8 October at 16:00.
    const placed = new Date('2026-09-30T16:00:00+08:00');
    const fake = fakeActivities(env(), { virtualPlacedAt: placed });
    const start = Number(await env().currentTimeMs());

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
    const fake = fakeActivities(env(), { virtualPlacedAt: placed });
    const start = Number(await env().currentTimeMs());

    await run(fake.activities);

    expect(fake.callTimes['recordSlaBreach']! - start).toBeGreaterThanOrEqual(3 * DAY);
    expect(fake.callTimes['recordSlaBreach']! - start).toBeLessThan(3 * DAY + HOUR);
  });
});
