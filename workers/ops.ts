// Worker for the `ops` task queue: backups and disaster-recovery drills.
import { ensureBackupSchedules } from './ops-schedules';
import { ensureInitialBackup } from './initial-backup';
import { TASK_QUEUES } from '../workflows/shared/task-queues';
import { opsActivities } from './activities';
import { runWorkerProcess } from './run-worker';

// The backup schedules exist whenever an ops worker runs (idempotent; T/QGCML 3125 §8.4).
// The first start on an empty repository takes a full backup, so a drill can run at once.
runWorkerProcess(TASK_QUEUES.ops, opsActivities, async (client, { orm }) => {
  await ensureBackupSchedules(client);
  const initial = await ensureInitialBackup(client, orm);
  if (initial) console.log(`no verified backup yet: initial full backup of both repositories started (${initial})`);
}).catch((error: unknown) => {
  console.error('ops worker failed:', error);
  process.exit(1);
});
