import { ActivityFailure, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DrillActivities } from '../../activities/ops/backup/drill-activities';
import type { createDrillRecordActivities } from '../../activities/ops/backup/drill-record-activities';
import type { createOpsMailActivities } from '../../activities/ops/ops-mail';
import type { createMailActivities } from '../../activities/shared/mail/mail-activities';
import { DRILL_LIMITS, DRILL_PHASES, evaluateDrill, percentBefore, type DrillPhase } from '../../domain/recovery-drill';
import { formatDrillReport, limitsOf, type DrillReport } from '../../domain/recovery-drill-report';
import {
  drillProgressQuery,
  type DrillProgress,
  type RecoveryDrillInput,
  type RecoveryDrillResult,
} from './recovery-drill.definitions';
import { labelActivities, showBusinessAttributes } from '../shared/visibility';

type Activities = DrillActivities &
  ReturnType<typeof createDrillRecordActivities> &
  Pick<ReturnType<typeof createMailActivities>, 'sendTemplatedMail'> &
  ReturnType<typeof createOpsMailActivities>;

/** What each step does, as the Temporal UI's timeline shows it. */
const labels: { [K in keyof Activities]?: string } = {
  chooseDrillBackup: 'choose the newest verified backup',
  declareDisaster: 'declare T0 on the primary (fingerprint, restore point)',
  restoreDrillStandby: 'restore the backup into a standby cluster',
  recoverDrillStandby: 'recover the standby (WAL replay, bounded by the RTO limit)',
  verifyDrillStandby: 'verify completeness and the audit chain',
  tearDownDrillStandby: 'tear the standby down',
  recordDrillReport: 'store and audit the drill report',
  sendTemplatedMail: 'mail the report to ops',
};

// Long work heartbeats; a drill that cannot succeed fails non-retryably from the activity.
const heavy = labelActivities(
  proxyActivities<Activities>({
    startToCloseTimeout: '12 hours',
    heartbeatTimeout: '2 minutes',
    retry: { maximumAttempts: 2, initialInterval: '10 seconds' },
  }),
  labels,
);
const cleanup = labelActivities(
  proxyActivities<Activities>({ startToCloseTimeout: '15 minutes', retry: { maximumAttempts: 3 } }),
  labels,
);
const light = labelActivities(
  proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: { maximumAttempts: 5 } }),
  labels,
);

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * A disaster-recovery drill (T/QGCML 3125 §8.2.3): declare T0 on the primary (fingerprint
 * and, for `general`, a restore point) → restore the newest verified backup (repo1, or
 * repo2 only for `severe`) into a standby → recover → verify completeness and the audit
 * chain → report (stored, audited, mailed to ops) → tear the standby down. Progress is
 * queryable; any failure ends the drill `failed` with its reason.
 */
export async function recoveryDrillWorkflow(input: RecoveryDrillInput): Promise<RecoveryDrillResult> {
  const progress: DrillProgress = { phase: 'declare', percent: 0, status: 'running' };
  setHandler(drillProgressQuery, () => progress);
  const enter = (phase: DrillPhase) => Object.assign(progress, { phase, percent: percentBefore(phase) });

  const report: DrillReport = {
    drillId: input.drillId,
    scenario: input.scenario,
    startedBy: input.startedBy,
    status: 'failed',
    phases: [],
    limits: limitsOf(input.scenario),
    reasons: [],
  };
  const phaseDone = (phase: DrillPhase, timing: { startedAt: string; finishedAt: string }) =>
    report.phases.push({ phase, ...timing, seconds: seconds(timing.startedAt, timing.finishedAt) });
  let port: number | undefined;

  try {
    enter('declare');
    const backup = await light.chooseDrillBackup({ scenario: input.scenario });
    report.backup = backup;
    const declared = await heavy.declareDisaster({ drillId: input.drillId, scenario: input.scenario });
    report.t0 = declared.t0;
    phaseDone('declare', declared);

    enter('restore');
    const restored = await heavy.restoreDrillStandby({
      drillId: input.drillId,
      backup,
      restorePoint: declared.restorePoint,
    });
    port = restored.port;
    report.standby = { kept: input.keepStandby, port, dataDir: restored.dataDir };
    phaseDone('restore', restored);

    enter('recover');
    // Past the standard's limit the drill has failed anyway: recovery never waits longer.
    const deadline = new Date(Date.parse(declared.t0) + DRILL_LIMITS[input.scenario].rtoSeconds * 1000).toISOString();
    const recovered = await heavy.recoverDrillStandby({ drillId: input.drillId, port, deadline });
    report.lastReplayedCommitAt = recovered.lastReplayedCommitAt;
    phaseDone('recover', recovered);

    enter('verify');
    const verified = await heavy.verifyDrillStandby({ drillId: input.drillId, port });
    phaseDone('verify', verified);
    report.completeness = verified.completeness;
    report.auditChain = verified.auditChain;
    report.rtoSeconds = seconds(declared.t0, verified.finishedAt);
    // RPO: nothing lost → 0; otherwise the window between the last replayed commit and T0.
    const lost = verified.completeness.matchingRows < verified.completeness.expectedRows;
    report.rpoSeconds =
      !lost || !recovered.lastReplayedCommitAt ? 0 : Math.max(0, seconds(recovered.lastReplayedCommitAt, declared.t0));
    const verdict = evaluateDrill({
      scenario: input.scenario,
      rtoSeconds: report.rtoSeconds,
      completeness: verified.completeness.ratio,
      auditChainIntact: verified.auditChain.intact,
    });
    report.status = verdict.passed ? 'passed' : 'failed';
    report.reasons = verdict.reasons;
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    report.status = 'failed';
    report.failureReason = error.cause?.message ?? error.message;
  }

  enter('report');
  if (!input.keepStandby) await cleanup.tearDownDrillStandby({ drillId: input.drillId, port }).catch(() => undefined);
  await light.recordDrillReport(report);
  // The report is stored and audited; a mail outage must not fail the drill.
  if (patched('drill-report-mail-mapper')) {
    await light.sendDrillReportMail({ drillId: input.drillId }).catch(() => undefined);
  } else {
    // Executions started before the patch composed the mail here; they replay as they ran.
    await light
      .sendTemplatedMail({
        idempotencyKey: `${workflowInfo().workflowId}:ops_report`,
        purpose: 'ops_report',
        recipient: { kind: 'ops', id: 'ops' },
        data: formatDrillReport(report),
      })
      .catch(() => undefined);
  }
  Object.assign(progress, { phase: 'done', percent: DRILL_PHASES.at(-1)![1], status: report.status });
  // A failed drill must not look like a green "Completed" run: staff filter BusinessStatus="failed".
  showBusinessAttributes({ businessStatus: report.status });
  return {
    drillId: input.drillId,
    status: report.status,
    ...(report.failureReason ? { failureReason: report.failureReason } : {}),
  };
}
