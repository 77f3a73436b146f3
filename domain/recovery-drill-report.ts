import { DRILL_LIMITS, formatSeconds, type DrillScenario } from './recovery-drill';

/** One table of a restored standby against the fingerprint taken before the drill. */
export interface TableComparison {
  table: string;
  expectedRows: number;
  restoredRows: number;
  matchingRows: number;
  /** Keys (primary keys, or row hashes without one) missing or different on the standby; at most 20. */
  differingIds: string[];
  /** Rows on the standby that the fingerprint did not have (committed after it). */
  extraRows: number;
}

/** Completeness of a restore (T/QGCML 3125 §8.2.3), computed by activities/ops/backup/compare.ts. */
export interface Completeness {
  expectedRows: number;
  matchingRows: number;
  /** matching / expected, 1 when nothing was expected. */
  ratio: number;
  tables: TableComparison[];
}

/** The stored and mailed report of a drill (T/QGCML 3125 §8.2.3). */
export interface DrillReport {
  drillId: string;
  scenario: DrillScenario;
  startedBy: string;
  status: 'passed' | 'failed';
  failureReason?: string;
  t0?: string;
  backup?: { repo: number; label: string };
  phases: Array<{ phase: string; startedAt: string; finishedAt: string; seconds: number }>;
  rtoSeconds?: number;
  rpoSeconds?: number;
  lastReplayedCommitAt?: string | null;
  completeness?: Completeness;
  auditChain?: { intact: boolean; eventsChecked: number; reason?: string };
  limits: { rtoSeconds: number; completeness: number };
  reasons: string[];
  standby?: { kept: boolean; port?: number; dataDir?: string };
}

export function limitsOf(scenario: DrillScenario): DrillReport['limits'] {
  const { rtoSeconds, completeness } = DRILL_LIMITS[scenario];
  return { rtoSeconds, completeness };
}

/** Rounded down, so one missing row in millions never reads as 100 %. */
export function percentText(ratio: number): string {
  return `${(Math.floor(ratio * 100_000) / 1000).toFixed(3)} %`;
}

/** The plain-text body for ops (template `ops_report`). */
export function formatDrillReport(report: DrillReport): { subject: string; body: string } {
  const lines = [
    `Recovery drill ${report.drillId} (${report.scenario}) ${report.status.toUpperCase()}`,
    `started by      ${report.startedBy}`,
    `T0              ${report.t0 ?? '-'}`,
    `backup          ${report.backup ? `repo${report.backup.repo} ${report.backup.label}` : '-'}`,
    `RTO             ${report.rtoSeconds === undefined ? '-' : formatSeconds(report.rtoSeconds)} (limit < ${formatSeconds(report.limits.rtoSeconds)})`,
    `RPO             ${report.rpoSeconds === undefined ? '-' : formatSeconds(report.rpoSeconds)}`,
    `completeness    ${report.completeness ? `${percentText(report.completeness.ratio)} (${report.completeness.matchingRows}/${report.completeness.expectedRows} rows)` : '-'} (limit ${report.scenario === 'general' ? '= 100 %' : '> 98 %'})`,
    `audit chain     ${report.auditChain ? (report.auditChain.intact ? `intact (${report.auditChain.eventsChecked} events)` : `BROKEN: ${report.auditChain.reason}`) : '-'}`,
    ...(report.failureReason ? [`failure         ${report.failureReason}`] : []),
    ...report.reasons.map((reason) => `not met         ${reason}`),
    '',
    'phases:',
    ...report.phases.map((phase) => `  ${phase.phase.padEnd(10)} ${formatSeconds(phase.seconds)}`),
    '',
    'tables (expected / restored / matching):',
    ...(report.completeness?.tables ?? []).map(
      (table) =>
        `  ${table.table.padEnd(40)} ${table.expectedRows} / ${table.restoredRows} / ${table.matchingRows}${table.differingIds.length ? `  differing: ${table.differingIds.join(', ')}` : ''}`,
    ),
  ];
  return { subject: `drill ${report.drillId} ${report.scenario} ${report.status}`, body: lines.join('\n') };
}
