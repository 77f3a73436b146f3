import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Order } from '../../db/entities/order.entity';
import { orderWorkflowId } from '../../workflows/order/order-confirmation.definitions';
import type { UnstartedOrderSweepResult } from '../../workflows/order/unstarted-order-sweep.definitions';
import { startOrderProcess } from './order-process-start';

/** How far back the sweep looks: an order older than this unstarted is staff's to see, not the sweep's. */
const LOOKBACK_MS = 7 * 24 * 3_600_000;

export interface UnstartedOrderActivityDeps {
  orm: MikroORM;
  /** The Temporal client to start processes with; by default the worker's own (same namespace and codec). */
  temporal?: () => Client;
}

/** The activity of the unstarted-order sweep (workflows/order/unstarted-order-sweep.ts). */
export function createUnstartedOrderActivities({
  orm,
  temporal = () => Context.current().client,
}: UnstartedOrderActivityDeps) {
  /** Whether the order's process exists (running or ended): then it is never started again. */
  async function processExists(client: Client, orderId: string): Promise<boolean> {
    try {
      await client.workflow.getHandle(orderWorkflowId(orderId)).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  return {
    /**
     * Starts the process of each order awaiting confirmation, placed `olderThanSeconds` ago
     * or more, whose process never ran. Idempotent: a process that exists is left as it is
     * (the start itself is USE_EXISTING and REJECT_DUPLICATE too, for a race with the API).
     */
    async startUnstartedOrderProcesses(input: {
      olderThanSeconds: number;
      limit: number;
    }): Promise<UnstartedOrderSweepResult> {
      const now = Date.now();
      const em = orm.em.fork();
      const orders = await em.find(
        Order,
        {
          status: 'awaiting_confirmation',
          processStartedAt: null,
          createdAt: { $lte: new Date(now - input.olderThanSeconds * 1000), $gte: new Date(now - LOOKBACK_MS) },
        },
        { orderBy: { createdAt: 'asc' }, limit: input.limit },
      );
      const client = temporal();
      let started = 0;
      for (const order of orders) {
        Context.current().heartbeat(order.id);
        if (await processExists(client, order.id)) continue;
        if ((await startOrderProcess(client, order)) === 'started') started += 1;
      }
      return { found: orders.length, started };
    },
  };
}
