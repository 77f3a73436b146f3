// Every workflow the workers register (STYLE.md 2: this file only re-exports).
export { stackProbeWorkflow } from './stack-probe';
export { orderConfirmationWorkflow } from './order-confirmation';
export { paymentReconciliationWorkflow } from './payment-reconciliation';
export { deliveryHandoverWorkflow } from './delivery-handover';
export { backupWorkflow } from './backup';
export { recoveryDrillWorkflow } from './recovery-drill';
export { handoverReconciliationWorkflow } from './handover-reconciliation';
