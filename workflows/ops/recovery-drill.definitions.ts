import type { SearchAttributePair } from '@temporalio/common';
import { defineQuery } from '@temporalio/workflow';
import { DRILL_LIMITS, type DrillPhase, type DrillScenario } from '../../domain/recovery-drill';
import { searchAttributes } from '../shared/search-attributes';

export const RECOVERY_DRILL_WORKFLOW = 'recoveryDrillWorkflow';

export interface RecoveryDrillInput {
  drillId: string;
  scenario: DrillScenario;
  keepStandby: boolean;
  startedBy: string;
}

export interface DrillProgress {
  phase: DrillPhase | 'done';
  percent: number;
  status: 'running' | 'passed' | 'failed';
}

export interface RecoveryDrillResult {
  drillId: string;
  status: 'passed' | 'failed';
  failureReason?: string;
}

export const drillProgressQuery = defineQuery<DrillProgress>('drillProgress');

export function recoveryDrillWorkflowId(drillId: string): string {
  return `drill:${drillId}`;
}

/** A drill that cannot succeed (no backup, unreadable repo, checksum mismatch): never retried. */
export const DRILL_CANNOT_RUN = 'DrillCannotRun';

/** What the Temporal UI shows of a drill from its start; BusinessStatus goes `running` → `passed`/`failed`. */
export function drillStartMetadata(
  drillId: string,
  scenario: DrillScenario,
): { staticSummary: string; staticDetails: string; typedSearchAttributes: SearchAttributePair[] } {
  const limits = DRILL_LIMITS[scenario];
  return {
    staticSummary: `Recovery drill (${scenario}) ${drillId}`,
    staticDetails: [
      `Drill: ${drillId} · scenario: ${scenario}`,
      `Passes with RTO < ${limits.rtoSeconds / 3600} h and completeness ${limits.strict ? '>' : '='} ${limits.completeness * 100} % (T/QGCML 3125 §8.2.3).`,
      'Report: GET /ops/recovery-drills/' + drillId,
    ].join('\n'),
    typedSearchAttributes: [{ key: searchAttributes.businessStatus, value: 'running' }],
  };
}
