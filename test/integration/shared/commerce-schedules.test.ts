import { ScheduleOverlapPolicy } from '@temporalio/client';
import { ensureCommerceSchedules } from '../../../workers/commerce-schedules';
import { HANDOVER_RECONCILIATION_WORKFLOW } from '../../../workflows/delivery/handover-reconciliation.definitions';
import { PAYMENT_RECONCILIATION_WORKFLOW } from '../../../workflows/payments/payment-reconciliation.definitions';
import { UNSTARTED_PROCESS_SWEEP_WORKFLOW } from '../../../workflows/shared/unstarted-process-sweep.definitions';
import { startTestStack, type TestStack } from '../../helpers/stack';

// The commerce worker creates its recurring processes at every start (workers/commerce.ts):
// the schedules staff see under Schedules in the Web UI. A second start must update them in
// place, never fail or add a second one.
describe('the commerce worker’s schedules', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
  });
  afterAll(async () => {
    for await (const schedule of stack.temporal.schedule.list())
      await stack.temporal.schedule.getHandle(schedule.scheduleId).delete();
    await stack.close();
  });

  it('starts payment and handover reconciliation daily and the unstarted-process sweep every minute, on the commerce queue', async () => {
    await ensureCommerceSchedules(stack.temporal);
    await ensureCommerceSchedules(stack.temporal); // a second worker start

    const schedules = [];
    for await (const listed of stack.temporal.schedule.list())
      schedules.push(await stack.temporal.schedule.getHandle(listed.scheduleId).describe());
    const byType = new Map(
      schedules.map((s) => [s.action.type === 'startWorkflow' ? s.action.workflowType : s.action.type, s]),
    );
    expect([...byType.keys()].sort()).toEqual(
      [HANDOVER_RECONCILIATION_WORKFLOW, PAYMENT_RECONCILIATION_WORKFLOW, UNSTARTED_PROCESS_SWEEP_WORKFLOW].sort(),
    );
    expect(schedules).toHaveLength(3);
    for (const schedule of schedules) {
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', taskQueue: 'commerce', args: [{}] });
      expect(schedule.action.staticSummary).toMatch(/T\/QGCML 3125 §/);
    }
    const sweep = byType.get(UNSTARTED_PROCESS_SWEEP_WORKFLOW)!;
    expect(sweep.spec.intervals).toMatchObject([{ every: 60_000 }]);
    expect(sweep.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(byType.get(PAYMENT_RECONCILIATION_WORKFLOW)!.spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 2, end: 2, step: 1 }],
    });
  });
});
