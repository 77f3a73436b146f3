export interface HandoverReconciliationInput {
  /** Reconcile slips and handed-over orders of this many days back (default 30). */
  lookbackDays?: number;
}

export interface HandoverReconciliationResult {
  runDate: string;
  /** Discrepancies found in this run, old and new. */
  found: number;
}

export const HANDOVER_RECONCILIATION_WORKFLOW = 'handoverReconciliationWorkflow';
/** The daily schedule's id: visible, pausable and triggerable in the Temporal UI. */
export const HANDOVER_RECONCILIATION_SCHEDULE_ID = 'handover-reconciliation-daily';

export function handoverReconciliationWorkflowId(runId: string): string {
  return `reconciliation:handovers:${runId}`;
}
