// Every workflow the workers register (docs/architecture.md "Layout": this file only re-exports).
export { stackProbeWorkflow } from './ops/stack-probe';
export { orderConfirmationWorkflow } from './order/order-confirmation';
export { unstartedOrderSweepWorkflow } from './order/unstarted-order-sweep';
export { paymentReconciliationWorkflow } from './payments/payment-reconciliation';
export { deliveryHandoverWorkflow } from './delivery/delivery-handover';
export { backupWorkflow } from './ops/backup';
export { backupAllReposWorkflow } from './ops/backup-all-repos';
export { recoveryDrillWorkflow } from './ops/recovery-drill';
export { handoverReconciliationWorkflow } from './delivery/handover-reconciliation';
export { complaintEscalationWorkflow } from './complaints/complaint-escalation';
export { recoveryClaimWorkflow } from './complaints/recovery-claim';
export { returnRefundWorkflow } from './returns/return-refund';
