import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createOrderActivities } from '../../activities/order/order-activities';
import { addServiceTime } from '../../domain/service-calendar';
import { handoverWorkflowId } from '../../workflows/delivery/delivery-handover.definitions';
import { orderStateQuery, orderWorkflowId } from '../../workflows/order/order-confirmation.definitions';
import { orderConfirmationWorkflow } from '../../workflows/order/order-confirmation';
import { workflowBundle } from './workflow-env';

export type Activities = ReturnType<typeof createOrderActivities>;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * Fake activities that log what the workflow asked for. The confirmation window is the
 * real calendar's answer for a virtual placement instant, laid over the test server's
 * clock, so the timers the workflow sets are the ones production would set.
 */
export function fakeActivities(
  env: TestWorkflowEnvironment,
  options: {
    virtualPlacedAt?: Date;
    windowMs?: number;
    declined?: boolean;
    failing?: Partial<Record<keyof Activities, Error>>;
  } = {},
) {
  const calls: string[] = [];
  const staffTasks: Array<{ kind: string; subjectId: string; reason: string }> = [];
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
    openStaffTask: async (input: { kind: string; subjectId: string; reason: string }) => {
      calls.push(`openStaffTask:${input.kind}`);
      staffTasks.push(input);
      return { taskId: 'task-1', dueAt: new Date().toISOString() };
    },
  } as unknown as Activities;
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
    const worker = await Worker.create({
      connection: getEnv().nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
      activities,
    });
    return worker.runUntil(async () => {
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
