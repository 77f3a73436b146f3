import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StackProbe } from '../../db/entities/stack-probe.entity';
import { UnavailableError } from '../../domain/errors';
import { STACK_PROBE_WORKFLOW, stackProbeWorkflowId } from '../../workflows/ops/stack-probe.definitions';
import { TASK_QUEUES, type TaskQueue } from '../../workflows/shared/task-queues';
import type { stackProbeWorkflow } from '../../workflows/ops/stack-probe';
import { problemSchema } from '../shared/problem';

const taskQueueSchema = z.enum([TASK_QUEUES.commerce, TASK_QUEUES.ops]);

const probeRequestSchema = z.object({
  taskQueues: z.array(taskQueueSchema).min(1).default([TASK_QUEUES.commerce, TASK_QUEUES.ops]),
  timeoutSeconds: z.number().int().min(1).max(60).default(10),
});

const probeRowSchema = z.object({
  workflowId: z.string(),
  taskQueue: taskQueueSchema,
  workerIdentity: z.string(),
  requestedAt: z.iso.datetime(),
  recordedAt: z.iso.datetime(),
});

const probeResultSchema = z.object({
  probeId: z.uuid(),
  roundTripMs: z.number().int(),
  results: z.array(probeRowSchema),
});

function toRow(probe: StackProbe): z.infer<typeof probeRowSchema> {
  return {
    workflowId: probe.workflowId,
    taskQueue: taskQueueSchema.parse(probe.taskQueue),
    workerIdentity: probe.workerIdentity,
    requestedAt: probe.requestedAt.toISOString(),
    recordedAt: probe.createdAt.toISOString(),
  };
}

/**
 * Synthetic round trips through the whole stack, one per task queue: API → Temporal →
 * worker → activity → Postgres, read back from Postgres. Beyond /readyz, this proves a
 * worker polls each queue and can write.
 */
const stackProbeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ops/stack-probes',
    {
      schema: {
        tags: ['operations'],
        summary: 'Run a round trip through Temporal, the workers and Postgres',
        body: probeRequestSchema,
        response: { 201: probeResultSchema, 503: problemSchema },
      },
      config: { access: { roles: ['ops'] } },
    },
    async (request, reply) => {
      const probeId = randomUUID();
      const requestedAt = new Date().toISOString();
      const started = performance.now();
      const workflowIds = await Promise.all(
        [...new Set(request.body.taskQueues)].map((taskQueue) =>
          runProbe(app.temporal, probeId, taskQueue, requestedAt, request.body.timeoutSeconds),
        ),
      );
      const rows = await request.em.getRepository(StackProbe).findByWorkflowIds(workflowIds);
      if (rows.length !== workflowIds.length)
        throw new UnavailableError('a worker answered but its probe row is not in Postgres');
      return reply
        .code(201)
        .send({ probeId, roundTripMs: Math.round(performance.now() - started), results: rows.map(toRow) });
    },
  );

  app.get(
    '/ops/stack-probes',
    {
      schema: {
        tags: ['operations'],
        summary: 'Recent stack probes, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
        response: { 200: z.object({ items: z.array(probeRowSchema) }) },
      },
      config: { access: { roles: ['ops'] } },
    },
    async (request) => {
      const probes = await request.em.getRepository(StackProbe).listRecent(request.query.limit);
      return { items: probes.map(toRow) };
    },
  );
};

async function runProbe(
  temporal: import('@temporalio/client').Client,
  probeId: string,
  taskQueue: TaskQueue,
  requestedAt: string,
  timeoutSeconds: number,
): Promise<string> {
  const workflowId = stackProbeWorkflowId(probeId, taskQueue);
  try {
    await temporal.workflow.execute<typeof stackProbeWorkflow>(STACK_PROBE_WORKFLOW, {
      workflowId,
      taskQueue,
      args: [{ requestedAt }],
      workflowExecutionTimeout: `${timeoutSeconds} seconds`,
      staticSummary: `Stack probe ${probeId} on task queue ${taskQueue}`,
      staticDetails: `A synthetic round trip: the ${taskQueue} worker writes one row to Postgres (requested ${requestedAt}).`,
    });
    return workflowId;
  } catch (error) {
    if (error instanceof WorkflowFailedError) {
      const reason = error.cause?.message ?? error.message;
      throw new UnavailableError(
        `the probe on task queue "${taskQueue}" did not complete within ${timeoutSeconds} s: ${reason}`,
      );
    }
    throw error;
  }
}

export default stackProbeRoutes;
