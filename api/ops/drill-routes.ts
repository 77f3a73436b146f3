import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { drillScenarios, drillStatuses, RecoveryDrill } from '../../db/entities/recovery-drill.entity';
import { NotFoundError, UnavailableError } from '../../domain/errors';
import { percentBefore } from '../../domain/recovery-drill';
import {
  drillProgressQuery,
  drillStartMetadata,
  RECOVERY_DRILL_WORKFLOW,
  recoveryDrillWorkflowId,
} from '../../workflows/ops/recovery-drill.definitions';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import type { recoveryDrillWorkflow } from '../../workflows/ops/recovery-drill';
import { persistAudited } from '../shared/audit';
import { principalOf } from '../plugins/auth';
import { problemSchema } from '../shared/problem';
import { readOneRouteOptions } from '../shared/read-one-route';

const drillSchema = z.object({
  id: z.uuid(),
  workflowId: z.string(),
  scenario: z.enum(drillScenarios),
  status: z.enum(drillStatuses),
  phase: z.string(),
  percent: z.number(),
  startedBy: z.string(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  failureReason: z.string().nullable(),
  rtoSeconds: z.number().nullable(),
  completeness: z.number().nullable(),
  report: z.record(z.string(), z.unknown()).nullable(),
});

function toDrill(drill: RecoveryDrill, live?: { phase: string; percent: number }, withReport = true) {
  const report = drill.report as { rtoSeconds?: number; completeness?: { ratio: number } } | null;
  return {
    id: drill.id,
    workflowId: drill.workflowId,
    scenario: drill.scenario,
    status: drill.status,
    phase: live?.phase ?? (drill.status === 'running' ? 'unknown' : 'done'),
    percent: live?.percent ?? (drill.status === 'running' ? 0 : 100),
    startedBy: drill.startedBy,
    startedAt: drill.createdAt.toISOString(),
    finishedAt: drill.finishedAt?.toISOString() ?? null,
    failureReason: drill.failureReason,
    rtoSeconds: report?.rtoSeconds ?? null,
    completeness: report?.completeness?.ratio ?? null,
    report: withReport ? drill.report : null,
  };
}

/** Disaster-recovery drills (T/QGCML 3125 §8.2.3): start one, watch its progress, read its report. */
const recoveryDrillRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ops/recovery-drills',
    {
      schema: {
        tags: ['operations'],
        summary: 'Start a recovery drill on a standby (the primary is never harmed)',
        body: z.object({ scenario: z.enum(drillScenarios), keepStandby: z.boolean().default(false) }),
        response: { 202: z.object({ id: z.uuid(), workflowId: z.string() }), 503: problemSchema },
      },
      config: { access: { roles: ['ops'] } },
    },
    async (request, reply) => {
      const id = randomUUID();
      const workflowId = recoveryDrillWorkflowId(id);
      const startedBy = principalOf(request).sub;
      const { scenario, keepStandby } = request.body;
      await request.em.transactional((em) =>
        persistAudited(request, em, new RecoveryDrill({ id, workflowId, scenario, startedBy, keepStandby }), {
          action: 'recovery_drill.start',
          entity: 'recovery_drill',
          entityId: id,
          details: { scenario },
        }),
      );
      try {
        await app.temporal.workflow.start<typeof recoveryDrillWorkflow>(RECOVERY_DRILL_WORKFLOW, {
          workflowId,
          taskQueue: TASK_QUEUES.ops,
          args: [{ drillId: id, scenario, keepStandby, startedBy }],
          ...drillStartMetadata(id, scenario),
        });
      } catch (error) {
        const drill = await request.em.findOneOrFail(RecoveryDrill, { id });
        drill.status = 'failed';
        drill.failureReason = 'the drill workflow could not be started';
        drill.finishedAt = new Date();
        await request.em.flush();
        throw new UnavailableError(`the drill could not be started: ${(error as Error).message}`);
      }
      return reply.code(202).send({ id, workflowId });
    },
  );

  app.get(
    '/ops/recovery-drills',
    {
      schema: {
        tags: ['operations'],
        summary: 'Recovery drills, newest first (without the full reports)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(drillSchema) }) },
      },
      config: { access: { roles: ['ops'] } },
    },
    async (request) => {
      const drills = await request.em.getRepository(RecoveryDrill).listRecent(request.query.limit);
      return { items: drills.map((drill) => toDrill(drill, undefined, false)) };
    },
  );

  app.get(
    '/ops/recovery-drills/:id',
    readOneRouteOptions({
      tags: ['operations'],
      summary: 'A drill: live phase and percent while it runs, its report once finished',
      params: z.object({ id: z.uuid() }),
      view: drillSchema,
      access: { roles: ['ops'] },
    }),
    async (request) => {
      const drill = await request.em.findOne(RecoveryDrill, { id: request.params.id });
      if (!drill) throw new NotFoundError('recovery drill', request.params.id);
      if (drill.status !== 'running') return toDrill(drill);
      const live = await app.temporal.workflow
        .getHandle(drill.workflowId)
        .query(drillProgressQuery)
        .catch(() => ({ phase: 'declare', percent: percentBefore('declare') }));
      return toDrill(drill, live);
    },
  );
};

export default recoveryDrillRoutes;
