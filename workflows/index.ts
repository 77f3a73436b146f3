// Every workflow the workers register (STYLE.md 2: this file only re-exports).
export { stackProbeWorkflow } from './stack-probe';
export { orderConfirmationWorkflow } from './order-confirmation';
