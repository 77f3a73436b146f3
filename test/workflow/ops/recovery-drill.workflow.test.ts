import { ApplicationFailure } from '@temporalio/common';
import type { DrillReport } from '../../../domain/recovery-drill-report';
import { drillProgressQuery, DRILL_CANNOT_RUN } from '../../../workflows/ops/recovery-drill.definitions';
import { useTimeSkippingEnv, runOnWorker } from '../../helpers/workflow-env';

const completeness = (matching: number) => ({
  expectedRows: 100,
  matchingRows: matching,
  ratio: matching / 100,
  tables: [
    {
      table: 'public.customer_order',
      expectedRows: 100,
      restoredRows: matching,
      matchingRows: matching,
      differingIds: [],
      extraRows: 0,
    },
  ],
});

/**
 * Fake activities on a fake clock: each phase reports that it took the given minutes
 * (the workflow measures RTO and phases from what activities report, as the real ones do).
 */
function fakeActivities(options: { restoreMinutes: number; matching?: number; noBackup?: boolean }) {
  const reports: DrillReport[] = [];
  const tornDown: string[] = [];
  const mailed: string[] = [];
  let clock = Date.parse('2026-11-24T01:00:00.000Z');
  const at = async (minutes = 0) => {
    clock += minutes * 60_000;
    return new Date(clock).toISOString();
  };
  const activities = {
    async chooseDrillBackup() {
      if (options.noBackup) throw ApplicationFailure.nonRetryable('no verified backup in repo1 yet', DRILL_CANNOT_RUN);
      return { repo: 1 as const, label: '20261124-010000F' };
    },
    async declareDisaster() {
      const t0 = await at();
      return { startedAt: t0, finishedAt: await at(1), t0, restorePoint: 'drill-x', tables: [] };
    },
    async restoreDrillStandby() {
      const startedAt = await at();
      return { startedAt, finishedAt: await at(options.restoreMinutes), port: 6000, dataDir: '/tmp/standby' };
    },
    async recoverDrillStandby() {
      const startedAt = await at();
      return { startedAt, finishedAt: await at(5), lastReplayedCommitAt: startedAt };
    },
    async verifyDrillStandby() {
      const startedAt = await at();
      return {
        startedAt,
        finishedAt: await at(2),
        completeness: completeness(options.matching ?? 100),
        auditChain: { intact: true, eventsChecked: 3 },
      };
    },
    async tearDownDrillStandby(input: { drillId: string }) {
      tornDown.push(input.drillId);
    },
    async recordDrillReport(report: DrillReport) {
      reports.push(report);
    },
    async sendDrillReportMail(input: { drillId: string }) {
      mailed.push(input.drillId);
    },
  };
  return { activities, reports, tornDown, mailed };
}

describe('recoveryDrillWorkflow (time-skipping server, fake activities)', () => {
  const env = useTimeSkippingEnv();
  async function run(id: string, fake: ReturnType<typeof fakeActivities>, scenario: 'general' | 'severe' = 'general') {
    return runOnWorker(env(), `drill-${id}`, fake.activities, () =>
      env().client.workflow.execute('recoveryDrillWorkflow', {
        workflowId: `drill:${id}`,
        taskQueue: `drill-${id}`,
        args: [{ drillId: id, scenario, keepStandby: false, startedBy: 'ops-1' }],
      }),
    );
  }

  it('§8.2.3 general: passes with RTO = T0 → verified (18 min) and 100 %, phases timed, standby torn down', async () => {
    const fake = fakeActivities({ restoreMinutes: 10 });
    const result = await run('g1', fake);
    expect(result).toEqual({ drillId: 'g1', status: 'passed' });
    const [report] = fake.reports;
    expect(report?.rtoSeconds).toBe(18 * 60);
    expect(report?.phases.map((phase) => [phase.phase, phase.seconds])).toEqual([
      ['declare', 60],
      ['restore', 600],
      ['recover', 300],
      ['verify', 120],
    ]);
    expect(fake.tornDown).toEqual(['g1']);
    // The workflow names the drill; the activity formats the stored report and mails ops.
    expect(fake.mailed).toEqual(['g1']);
  });

  it('§8.2.3 general: fails when recovery takes 1 h or more, even at 100 %', async () => {
    const fake = fakeActivities({ restoreMinutes: 55 });
    const result = await run('g2', fake);
    expect(result.status).toBe('failed');
    expect(fake.reports[0]?.reasons[0]).toMatch(/limit is under 3600 s/);
  });

  it('§8.2.3 severe: 99 % passes (> 98 %), the same 99 % fails a general drill (= 100 %)', async () => {
    expect((await run('s1', fakeActivities({ restoreMinutes: 10, matching: 99 }), 'severe')).status).toBe('passed');
    expect((await run('g3', fakeActivities({ restoreMinutes: 10, matching: 99 }))).status).toBe('failed');
  });

  it('ends failed with the reason when no backup exists, and still stores the report', async () => {
    const fake = fakeActivities({ restoreMinutes: 10, noBackup: true });
    const result = await run('n1', fake);
    expect(result).toEqual({ drillId: 'n1', status: 'failed', failureReason: 'no verified backup in repo1 yet' });
    expect(fake.reports[0]?.failureReason).toBe('no verified backup in repo1 yet');
  });

  it('answers its progress while a phase runs', async () => {
    const fake = fakeActivities({ restoreMinutes: 10 });
    let seen: unknown;
    fake.activities.recoverDrillStandby = async () => {
      seen = await env().client.workflow.getHandle('drill:p1').query(drillProgressQuery);
      const now = new Date().toISOString();
      return { startedAt: now, finishedAt: now, lastReplayedCommitAt: now };
    };
    await run('p1', fake);
    expect(seen).toEqual({ phase: 'recover', percent: 60, status: 'running' });
  });
});
