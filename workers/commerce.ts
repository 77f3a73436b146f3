// Worker for the `commerce` task queue: orders, handovers, returns, complaints.
import { TASK_QUEUES } from '../workflows/shared/task-queues';
import { commerceActivities } from './activities';
import { ensureCommerceSchedules } from './commerce-schedules';
import { runWorkerProcess } from './run-worker';

runWorkerProcess(TASK_QUEUES.commerce, commerceActivities, ensureCommerceSchedules).catch((error: unknown) => {
  console.error('commerce worker failed:', error);
  process.exit(1);
});
