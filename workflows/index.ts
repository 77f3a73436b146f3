// Every workflow the workers register (docs/architecture.md "Layout": this file only re-exports).
export { stackProbeWorkflow } from './ops/stack-probe';
export { orderConfirmationWorkflow } from './order/order-confirmation';
// Registered under the type it had when it swept orders only (UNSTARTED_PROCESS_SWEEP_WORKFLOW).
export { unstartedProcessSweepWorkflow as unstartedOrderSweepWorkflow } from './shared/unstarted-process-sweep';
export { paymentReconciliationWorkflow } from './payments/payment-reconciliation';
export { deliveryHandoverWorkflow } from './delivery/delivery-handover';
export { backupWorkflow } from './ops/backup';
export { backupAllReposWorkflow } from './ops/backup-all-repos';
export { recoveryDrillWorkflow } from './ops/recovery-drill';
export { handoverReconciliationWorkflow } from './delivery/handover-reconciliation';
export { complaintEscalationWorkflow } from './complaints/complaint-escalation';
export { recoveryClaimWorkflow } from './complaints/recovery-claim';
export { returnRefundWorkflow } from './returns/return-refund';
