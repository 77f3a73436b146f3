import { ensureBackupSchedules } from '../../../workers/ops-schedules';
import { startTestStack, type TestStack } from '../../helpers/stack';

describe('backup schedules in Temporal (T/QGCML 3125 §8.4: automatic, on a schedule)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
  });
  afterAll(async () => stack?.close());

  it('creates full/diff/incr schedules for both repositories, and a second start-up updates them, keeping a pause', async () => {
    const schedules = [
      { type: 'full' as const, repo: 1 as const, cron: '0 1 * * 0' },
      { type: 'incr' as const, repo: 1 as const, cron: '30 * * * *' },
      { type: 'diff' as const, repo: 2 as const, cron: '0 3 * * 1-6' },
    ];
    const ids = await ensureBackupSchedules(stack.temporal, schedules);
    expect(ids).toEqual(['backup-full-repo1', 'backup-incr-repo1', 'backup-diff-repo2']);
    await stack.temporal.schedule.getHandle('backup-incr-repo1').pause('maintenance window');

    await ensureBackupSchedules(stack.temporal, [{ ...schedules[1]!, cron: '45 * * * *' }]);
    const incr = await stack.temporal.schedule.getHandle('backup-incr-repo1').describe();
    expect(incr.state.paused).toBe(true);
    expect(incr.spec.calendars?.[0]?.minute).toEqual([{ start: 45, end: 45, step: 1 }]);
    expect(incr.action).toMatchObject({ workflowType: 'backupWorkflow', taskQueue: 'ops' });
    const full = await stack.temporal.schedule.getHandle('backup-full-repo1').describe();
    expect(full.state.paused).toBe(false);
  });
});
