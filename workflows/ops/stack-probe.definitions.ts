import type { TaskQueue } from '../shared/task-queues';

export const STACK_PROBE_WORKFLOW = 'stackProbeWorkflow';

export interface StackProbeInput {
  /** ISO instant at which the API asked for the probe. */
  requestedAt: string;
}

export interface StackProbeResult {
  workflowId: string;
  taskQueue: string;
  workerIdentity: string;
  /** ISO instant at which the activity wrote the row. */
  recordedAt: string;
}

/** One probe sends one workflow to each task queue; the id names both. */
export function stackProbeWorkflowId(probeId: string, taskQueue: TaskQueue): string {
  return `probe:${probeId}:${taskQueue}`;
}
