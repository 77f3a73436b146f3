import type { MikroORM } from '@mikro-orm/postgresql';
import { StackProbe } from '../../db/entities/stack-probe.entity';
import type { StackProbeResult } from '../../workflows/ops/stack-probe.definitions';

export interface StackProbeActivityDeps {
  orm: MikroORM;
  /** The identity the worker polls with, recorded so ops see which worker answered. */
  workerIdentity: string;
}

export function createStackProbeActivities({ orm, workerIdentity }: StackProbeActivityDeps) {
  return {
    /** Writes the probe's row once: a retry finds the row of its first attempt. */
    async recordStackProbe(input: {
      workflowId: string;
      taskQueue: string;
      requestedAt: string;
    }): Promise<StackProbeResult> {
      const em = orm.em.fork();
      let probe = await em.findOne(StackProbe, { workflowId: input.workflowId });
      if (!probe) {
        probe = new StackProbe({
          workflowId: input.workflowId,
          taskQueue: input.taskQueue,
          requestedAt: new Date(input.requestedAt),
          workerIdentity,
        });
        await em.persistAndFlush(probe);
      }
      return {
        workflowId: probe.workflowId,
        taskQueue: probe.taskQueue,
        workerIdentity: probe.workerIdentity,
        recordedAt: probe.createdAt.toISOString(),
      };
    },
  };
}
