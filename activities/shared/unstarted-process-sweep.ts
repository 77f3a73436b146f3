import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  SWEPT_PROCESSES,
  type SweptCount,
  type SweptProcess,
  type UnstartedProcessSweepResult,
} from '../../workflows/shared/unstarted-process-sweep.definitions';
import { findUnstartedComplaints } from '../complaints/unstarted-complaints';
import { findUnstartedOrders } from '../order/unstarted-orders';
import { findUnstartedReturns } from '../returns/unstarted-returns';

/** How far back the sweep looks: a record older than this unstarted is staff's to see, not the sweep's. */
const LOOKBACK_MS = 7 * 24 * 3_600_000;

/** How many failed workflow ids a run's result lists (the count is always whole). */
const MAX_FAILED_IDS = 20;

/** Records committed in this window are the sweep's: old enough to have been started, young enough to matter. */
export interface SweepWindow {
  from: Date;
  until: Date;
}

/** A record whose process never ran, and how to start it: the start function its API uses. */
export interface UnstartedProcess {
  workflowId: string;
  /** The record as the finder loaded it, in the finder's EntityManager. */
  record: { processStartedAt: Date | null };
  start(client: Client): Promise<'started' | 'existed'>;
}

/** What each process's module answers: its records in the window without processStartedAt, oldest first. */
export type FindUnstartedProcesses = (
  em: EntityManager,
  window: SweepWindow,
  limit: number,
) => Promise<UnstartedProcess[]>;

export interface UnstartedProcessSweepDeps {
  orm: MikroORM;
  /** ADVANCE_COMPENSATION_APPROVAL_THRESHOLD, which a complaint's process is started with (as the API does). */
  approvalThreshold: number;
  /** The Temporal client to start processes with; by default the worker's own (same namespace and codec). */
  temporal?: () => Client;
}

/** The activity of the unstarted-process sweep (workflows/shared/unstarted-process-sweep.ts). */
export function createUnstartedProcessSweepActivities({
  orm,
  approvalThreshold,
  temporal = () => Context.current().client,
}: UnstartedProcessSweepDeps) {
  const finders: Record<SweptProcess, FindUnstartedProcesses> = {
    order: findUnstartedOrders,
    return: findUnstartedReturns,
    complaint: findUnstartedComplaints(approvalThreshold),
  };

  /** Whether the process exists (running or ended): then it is never started again. */
  async function processExists(client: Client, workflowId: string): Promise<boolean> {
    try {
      await client.workflow.getHandle(workflowId).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /**
   * Starts the process of each order, return and complaint committed `olderThanSeconds` ago
   * or more whose process never ran. Idempotent: a process that exists is left as it is (the
   * start itself is USE_EXISTING and REJECT_DUPLICATE too, for a race with the API).
   *
   * A record whose check or start fails is reported and passed over, not thrown: thrown, it
   * would stop the run at that record and, found again first (oldest first) by every run,
   * hold back every record committed after it for good. Likewise a record whose process
   * exists but never stamped processStartedAt (its first activity has not run: its worker is
   * down, or it ended before) gets the stamp here, so later runs pass it by instead of
   * finding it first again, and enough of them cannot fill a run's limit.
   */
  async function startUnstartedProcesses(input: {
    olderThanSeconds: number;
    limit: number;
  }): Promise<UnstartedProcessSweepResult> {
    const now = Date.now();
    const window = { from: new Date(now - LOOKBACK_MS), until: new Date(now - input.olderThanSeconds * 1000) };
    const client = temporal();
    const byProcess = {} as Record<SweptProcess, SweptCount>;
    const result: UnstartedProcessSweepResult = { found: 0, started: 0, failed: 0, byProcess, failedWorkflowIds: [] };
    for (const process of SWEPT_PROCESSES) {
      const em = orm.em.fork();
      const unstarted = await finders[process](em, window, input.limit);
      const count: SweptCount = { found: unstarted.length, started: 0, failed: 0 };
      for (const record of unstarted) {
        Context.current().heartbeat(record.workflowId);
        try {
          if (await processExists(client, record.workflowId)) {
            record.record.processStartedAt ??= new Date();
            continue;
          }
          if ((await record.start(client)) === 'started') count.started += 1;
        } catch (error) {
          count.failed += 1;
          if (result.failedWorkflowIds.length < MAX_FAILED_IDS) result.failedWorkflowIds.push(record.workflowId);
          Context.current().log.warn('the sweep could not start a process; the next run tries again', {
            workflowId: record.workflowId,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
      await em.flush();
      byProcess[process] = count;
      result.found += count.found;
      result.started += count.started;
      result.failed += count.failed;
    }
    return result;
  }

  return {
    startUnstartedProcesses,
    /** The name runs recorded before returns and complaints were swept call (the sweep workflow's patch). */
    startUnstartedOrderProcesses: startUnstartedProcesses,
  };
}
