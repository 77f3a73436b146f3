import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { z } from 'zod';
import { loadConfig, type Config } from '../config/env';
import {
  BACKUP_WORKFLOW,
  backupScheduleId,
  backupStartMetadata,
  backupWorkflowId,
} from '../workflows/ops/backup.definitions';
import { TASK_QUEUES } from '../workflows/shared/task-queues';
import { createTemporalClient } from '../temporal/connection';
import { upsertSchedule } from '../temporal/schedules';

const scheduleSchema = z.object({
  type: z.enum(['full', 'diff', 'incr']),
  repo: z.union([z.literal(1), z.literal(2)]),
  cron: z.string().min(9),
});
export type BackupSchedule = z.infer<typeof scheduleSchema>;

/**
 * T/QGCML 3125 §8.4: periodic full backups plus differential and incremental ones, to the
 * local repository and the off-site one, on a schedule fitted to the data (UTC).
 * STOREOPS_BACKUP_SCHEDULES (a JSON array of { type, repo, cron }) replaces it.
 */
export const DEFAULT_BACKUP_SCHEDULES: BackupSchedule[] = [
  { type: 'full', repo: 1, cron: '0 1 * * 0' },
  { type: 'diff', repo: 1, cron: '0 1 * * 1-6' },
  { type: 'incr', repo: 1, cron: '30 * * * *' },
  { type: 'full', repo: 2, cron: '0 3 * * 0' },
  { type: 'diff', repo: 2, cron: '0 3 * * 1-6' },
];

export function backupSchedulesFrom(env = process.env): BackupSchedule[] {
  const raw = env.STOREOPS_BACKUP_SCHEDULES;
  return raw ? z.array(scheduleSchema).parse(JSON.parse(raw)) : DEFAULT_BACKUP_SCHEDULES;
}

/**
 * Creates each schedule, or updates it when it exists (start-up is idempotent), keeping
 * its paused/running state: ops pause a schedule in the Temporal UI and a restart must
 * not resume it. Overlapping runs are skipped (pgBackRest holds one lock per stanza).
 */
export async function ensureBackupSchedules(client: Client, schedules = backupSchedulesFrom()): Promise<string[]> {
  const ids: string[] = [];
  for (const schedule of schedules) {
    const scheduleId = backupScheduleId(schedule.type, schedule.repo);
    const spec = { cronExpressions: [schedule.cron] };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: BACKUP_WORKFLOW,
      taskQueue: TASK_QUEUES.ops,
      // Temporal appends the scheduled time, so each run's id is unique.
      workflowId: backupWorkflowId(schedule.type, schedule.repo, 'scheduled'),
      args: [{ type: schedule.type, repo: schedule.repo }],
      ...backupStartMetadata(schedule.type, schedule.repo, `scheduled: ${schedule.cron}`),
    };
    await upsertSchedule(client, {
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      state: { note: `pgBackRest ${schedule.type} backup to repo${schedule.repo} (T/QGCML 3125 §8.4)` },
    });
    ids.push(scheduleId);
  }
  return ids;
}

/** For launchers: connect, ensure the schedules, disconnect. */
export async function ensureBackupSchedulesAt(config: Config = loadConfig()): Promise<string[]> {
  const client = await createTemporalClient(config);
  try {
    return await ensureBackupSchedules(client);
  } finally {
    await client.connection.close();
  }
}
