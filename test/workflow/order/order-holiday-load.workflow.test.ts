import { Worker } from '@temporalio/worker';
import type { HolidayYearData } from '../../../domain/holiday-arrangement';
import { HolidayCalendar } from '../../../domain/holiday-calendar';
import { madeUp2027 } from '../../helpers/holiday-years';
import { fakeActivities, orderWorkflowHarness } from '../../helpers/order-workflow';
import { DAY, HOUR } from '../../helpers/time';
import { useTimeSkippingEnv, workflowBundle } from '../../helpers/workflow-env';

// Issue 15 (T/QGCML 3125 §4.7): a holiday year loaded while an order waits for its merchant
// changes nothing for that order. Its deadline was computed by an activity when it started,
// and the workflow code never reads the calendar, so its history replays unchanged; orders
// started after the load count with it. The "store" is a variable the fake activity reads,
// as the real one reads Postgres.
describe('orderConfirmationWorkflow and a holiday year loaded while it runs', () => {
  const env = useTimeSkippingEnv();
  const { run, waitForStatusQueryable } = orderWorkflowHarness(env);
  let stored: HolidayYearData[] = [];
  const holidaysInForce = () => HolidayCalendar.withOverrides(stored);
  // Friday 2027-01-29 10:00 Beijing time, the day before the made-up 调休 Saturday.
  const placed = new Date('2027-01-29T10:00:00+08:00');

  it('an order started before 2027 is loaded keeps its Monday deadline and replays unchanged; one started after is due on the 调休 Saturday', async () => {
    const early = fakeActivities(env(), { virtualPlacedAt: placed, holidays: holidaysInForce });
    const earlyStart = Number(await env().currentTimeMs());
    const { handle } = await run(early.activities, async (orderId) => {
      await waitForStatusQueryable(orderId);
      stored = [{ year: 2027, ...madeUp2027 }]; // staff load 2027 while the order waits
    });

    // Without 2027's data the order was due Monday 2027-02-01 10:00: three days after placing.
    const earlyBreach = early.callTimes['recordSlaBreach']! - earlyStart;
    expect(earlyBreach).toBeGreaterThanOrEqual(3 * DAY);
    expect(earlyBreach).toBeLessThan(3 * DAY + HOUR);
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, await handle.fetchHistory());

    const late = fakeActivities(env(), { virtualPlacedAt: placed, holidays: holidaysInForce });
    const lateStart = Number(await env().currentTimeMs());
    await run(late.activities);

    // With 2027 loaded, Saturday 2027-01-30 is worked: due Saturday 10:00, one day after placing.
    const lateBreach = late.callTimes['recordSlaBreach']! - lateStart;
    expect(lateBreach).toBeGreaterThanOrEqual(DAY);
    expect(lateBreach).toBeLessThan(DAY + HOUR);
  });
});
