export const UNSTARTED_ORDER_SWEEP_WORKFLOW = 'unstartedOrderSweepWorkflow';
/** Every minute: visible, pausable and triggerable in the Temporal UI. */
export const UNSTARTED_ORDER_SWEEP_SCHEDULE_ID = 'unstarted-order-sweep';

export interface UnstartedOrderSweepInput {
  /** Orders placed at least this long ago, so a request still between commit and start is left alone (default 60). */
  olderThanSeconds?: number;
  /** At most this many orders a run (default 200); the next run takes the rest. */
  limit?: number;
}

export interface UnstartedOrderSweepResult {
  /** Orders found awaiting confirmation with no payment attempt yet. */
  found: number;
  /** Of those, the ones whose process did not exist and was started now. */
  started: number;
}
