/**
 * The sweep's workflow type and schedule id are the ones it had when it swept orders only:
 * kept so the schedule a running commerce worker created keeps its id (the worker updates
 * its action in place) and a run in flight at a deploy finds its workflow type.
 */
export const UNSTARTED_PROCESS_SWEEP_WORKFLOW = 'unstartedOrderSweepWorkflow';
/** Every minute: visible, pausable and triggerable in the Temporal UI. */
export const UNSTARTED_PROCESS_SWEEP_SCHEDULE_ID = 'unstarted-order-sweep';

/** The processes an API starts after committing their record (POST /orders, /orders/:id/returns, /complaints). */
export const SWEPT_PROCESSES = ['order', 'return', 'complaint'] as const;
export type SweptProcess = (typeof SWEPT_PROCESSES)[number];

export interface UnstartedProcessSweepInput {
  /** Records made at least this long ago, so a request still between commit and start is left alone (default 60). */
  olderThanSeconds?: number;
  /** At most this many records of each process a run (default 200); the next run takes the rest. */
  limit?: number;
}

export interface SweptCount {
  /** Records committed with no sign that their process ever ran. */
  found: number;
  /** Of those, the ones whose process did not exist and was started now. */
  started: number;
  /** Of those, the ones whose check or start failed: the next run tries them again. */
  failed: number;
}

export interface UnstartedProcessSweepResult extends SweptCount {
  /** The same counts per process. */
  byProcess: Record<SweptProcess, SweptCount>;
  /** The workflow ids whose start failed (ids only, no personal data), for staff to look up. */
  failedWorkflowIds: string[];
}
