import { createServiceCommitmentActivities } from '../activities/service-commitment-activities';
import { createStackProbeActivities } from '../activities/stack-probe-activities';
import type { WorkerProcessDeps } from './run-worker';

/** The activities each task queue's worker registers; tests wire workers the same way. */
export function commerceActivities({ orm, workerIdentity }: WorkerProcessDeps) {
  return {
    ...createStackProbeActivities({ orm, workerIdentity }),
    ...createServiceCommitmentActivities({ orm }),
  };
}

export function opsActivities({ orm, workerIdentity }: WorkerProcessDeps) {
  return {
    ...createStackProbeActivities({ orm, workerIdentity }),
  };
}
