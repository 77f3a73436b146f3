/** The workflow type name the API and the daily schedule start. */
export const PAYMENT_RECONCILIATION_WORKFLOW = 'paymentReconciliationWorkflow';

export interface PaymentReconciliationInput {
  /** The Asia/Shanghai day to reconcile (YYYY-MM-DD); the day before the run when omitted. */
  settlementDate?: string;
}

export function paymentReconciliationWorkflowId(settlementDate: string): string {
  return `reconciliation:payments:${settlementDate}`;
}

/** The daily schedule's id: visible, pausable and triggerable in the Temporal UI. */
export const PAYMENT_RECONCILIATION_SCHEDULE_ID = 'payment-reconciliation-daily';
