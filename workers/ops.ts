// Worker for the `ops` task queue: backups and disaster-recovery drills.
import { TASK_QUEUES } from '../workflows/definitions/task-queues';
import { opsActivities } from './activities';
import { runWorkerProcess } from './run-worker';

runWorkerProcess(TASK_QUEUES.ops, opsActivities).catch((error: unknown) => {
  console.error('ops worker failed:', error);
  process.exit(1);
});
