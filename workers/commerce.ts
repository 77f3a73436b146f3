// Worker for the `commerce` task queue: orders, handovers, returns, complaints.
import { TASK_QUEUES } from '../workflows/definitions/task-queues';
import { commerceActivities } from './activities';
import { runWorkerProcess } from './run-worker';

runWorkerProcess(TASK_QUEUES.commerce, commerceActivities).catch((error: unknown) => {
  console.error('commerce worker failed:', error);
  process.exit(1);
});
