import { defineQuery } from '@temporalio/workflow';
import type { DrillPhase, DrillScenario } from '../../domain/recovery-drill';

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
