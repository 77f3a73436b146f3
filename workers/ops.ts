// Worker for the `ops` task queue: backups and disaster-recovery drills.
import { ensureBackupSchedules } from './ops-schedules';
import { TASK_QUEUES } from '../workflows/shared/task-queues';
import { opsActivities } from './activities';
import { runWorkerProcess } from './run-worker';

// The backup schedules exist whenever an ops worker runs (idempotent; T/QGCML 3125 §8.4).
runWorkerProcess(TASK_QUEUES.ops, opsActivities, async (client) => {
  await ensureBackupSchedules(client);
}).catch((error: unknown) => {
  console.error('ops worker failed:', error);
  process.exit(1);
});
