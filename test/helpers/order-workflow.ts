import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { createOrderActivities } from '../../activities/order/order-activities';
import type { createStaffTaskActivities } from '../../activities/shared/staff-tasks';
import { HolidayCalendar } from '../../domain/holiday-calendar';
import { addServiceTime } from '../../domain/service-calendar';
import { handoverWorkflowId } from '../../workflows/delivery/delivery-handover.definitions';
import { orderStateQuery, orderWorkflowId } from '../../workflows/order/order-confirmation.definitions';
import { orderConfirmationWorkflow } from '../../workflows/order/order-confirmation';
import { runOnWorker } from './workflow-env';
import { HOUR } from './time';

/** What the order workflow proxies: its own activities and the shared staff-task one. */
export type Activities = ReturnType<typeof createOrderActivities> & ReturnType<typeof createStaffTaskActivities>;

/**
 * Fake activities that log what the workflow asked for. The confirmation window is the
 * real calendar's answer for a virtual placement instant, laid over the test server's
 * clock, so the timers the workflow sets are the ones production would set.
 */
export function fakeActivities(
  env: TestWorkflowEnvironment,
  options: {
    virtualPlacedAt?: Date;
    /** The holiday years in force when planOrderConfirmation runs (default: the package's). */
    holidays?: () => HolidayCalendar;
    windowMs?: number;
    declined?: boolean;
    failing?: Partial<Record<keyof Activities, Error>>;
  } = {},
) {
  const calls: string[] = [];
  const staffTasks: Array<{ kind: string; subjectId: string; reason: string }> = [];
  const callTimes: Record<string, number> = {};
  const record = async (name: keyof Activities, input: { orderId: string; purpose?: string }) => {
    const label = input?.purpose ? `${name}:${input.purpose}` : name;
    calls.push(label);
    callTimes[label] = env.currentTimeMs ? Number(await env.currentTimeMs()) : Date.now();
    const failure = options.failing?.[name];
    if (failure) throw failure;
  };
  /** A step with nothing to answer: logs the call, or fails as the test asked. */
  const step = (name: keyof Activities) => async (input: { orderId: string; purpose?: string }) => {
    await record(name, input);
  };
  const activities = {
    async planOrderConfirmation() {
      calls.push('planOrderConfirmation');
      const now = Number(await env.currentTimeMs());
      let window = options.windowMs ?? 8 * HOUR;
      let reminder = Math.floor(window * 0.75);
      if (options.virtualPlacedAt) {
        const placed = options.virtualPlacedAt;
        const holidays = options.holidays?.() ?? HolidayCalendar.packageOnly();
        window = addServiceTime(placed, 8 * HOUR, '5x8', holidays).getTime() - placed.getTime();
        reminder = addServiceTime(placed, 6 * HOUR, '5x8', holidays).getTime() - placed.getTime();
      }
      return {
        confirmBy: new Date(now + window).toISOString(),
        remindAt: new Date(now + reminder).toISOString(),
        commitmentVersion: 1,
      };
    },
    reserveStock: step('reserveStock'),
    releaseStock: step('releaseStock'),
    async authorizePayment(input: { orderId: string }) {
      await record('authorizePayment', input);
      return options.declined
        ? ({ status: 'declined', declineCode: 'insufficient_funds' } as const)
        : ({ status: 'authorized' } as const);
    },
    capturePayment: step('capturePayment'),
    voidPayment: step('voidPayment'),
    recordOrderConfirmed: step('recordOrderConfirmed'),
    recordOrderCancelled: async (input: { reason: string }) => {
      calls.push(`recordOrderCancelled:${input.reason}`);
    },
    recordSlaBreach: step('recordSlaBreach'),
    sendOrderMail: step('sendOrderMail'),
    openStaffTask: async (input: { kind: string; subjectId: string; reason: string }) => {
      calls.push(`openStaffTask:${input.kind}`);
      staffTasks.push(input);
      return { taskId: 'task-1', dueAt: new Date().toISOString() };
    },
  } satisfies Partial<Activities>;
  return { activities, calls, callTimes, staffTasks };
}

/** The merchant's and the consumer's first mails go out in parallel, in either order. */
export function withParallelMailsSorted(calls: string[]): string[] {
  const first = calls.findIndex((call) => call.startsWith('sendOrderMail:order_'));
  return [...calls.slice(0, first), ...calls.slice(first, first + 2).sort(), ...calls.slice(first + 2)];
}

/** Runs order workflows on a time-skipping environment, one task queue each. */
export function orderWorkflowHarness(getEnv: () => TestWorkflowEnvironment) {
  let sequence = 0;
  async function run(activities: Activities, drive: (orderId: string) => Promise<void> = async () => undefined) {
    const orderId = `o-${++sequence}`;
    const taskQueue = `orders-${sequence}`;
    return runOnWorker(getEnv(), taskQueue, activities, async () => {
      const handle = await getEnv().client.workflow.start(orderConfirmationWorkflow, {
        workflowId: orderWorkflowId(orderId),
        taskQueue,
        args: [
          { orderId, merchantId: 'm-1', placedAt: new Date(Number(await getEnv().currentTimeMs())).toISOString() },
        ],
      });
      await drive(orderId);
      const result = await handle.result();
      await stopHandoverChild(orderId);
      return { result, handle, orderId };
    });
  }

  /**
   * The handover child polls a queue no worker serves here, so its pending task would stop
   * the server from skipping time for the next tests: note it, then terminate it.
   */
  const startedHandovers: string[] = [];
  async function stopHandoverChild(orderId: string) {
    const child = getEnv().client.workflow.getHandle(handoverWorkflowId(orderId));
    const running = await child.describe().then(
      (description) => description.status.name === 'RUNNING',
      () => false,
    );
    if (!running) return;
    startedHandovers.push(handoverWorkflowId(orderId));
    await child.terminate('workflow test over');
  }

  async function waitForStatusQueryable(orderId: string) {
    const handle = getEnv().client.workflow.getHandle(orderWorkflowId(orderId));
    for (let attempt = 0; attempt < 50; attempt++) {
      const state = await handle.query(orderStateQuery);
      if (state.confirmBy) return handle;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('workflow never planned its deadline');
  }

  return { run, waitForStatusQueryable, startedHandovers };
}
