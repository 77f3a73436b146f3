// What the bare baseline's server and worker share (scripts/bench-orders.ts).
import { defineUpdate } from '@temporalio/workflow';

export const BARE_TASK_QUEUE = 'bench-bare';

export const bareConfirmUpdate = defineUpdate<string>('bareConfirm');

export interface BareSagaInput {
  /** Activities before the decision (the order workflow runs 5: plan, reserve, authorise, 2 mails). */
  before: number;
  /** Activities after it (capture, record, mail). */
  after: number;
}
