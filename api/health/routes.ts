import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DatabaseProbe } from './database-probe';

const checkSchema = z.enum(['up', 'down']);
const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ postgres: checkSchema, temporal: checkSchema }),
});

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref()),
  ]);
}

/** Liveness (the process answers) and readiness (its dependencies answer too). */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const database = new DatabaseProbe(app.config.DATABASE_URL, CHECK_TIMEOUT_MS);
  app.addHook('onClose', () => database.close());

  app.get(
    '/healthz',
    {
      schema: { tags: ['operations'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
      // Public: load balancers and orchestrators probe without credentials.
      config: { access: 'public' },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: Postgres and Temporal answer',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const [postgres, temporal] = await Promise.all([
        withTimeout(database.isUp(), CHECK_TIMEOUT_MS).catch(() => false),
        app.temporal.connection
          .withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => app.temporal.workflowService.getSystemInfo({}))
          .then(() => true)
          .catch(() => false),
      ]);
      const checks = { postgres: postgres ? 'up' : 'down', temporal: temporal ? 'up' : 'down' } as const;
      const ready = postgres && temporal;
      if (!ready) request.log.warn({ checks }, 'not ready');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );

  app.get(
    '/metrics',
    {
      schema: { tags: ['operations'], summary: 'Prometheus metrics', hide: true },
      // Ops only: the metrics expose internals (routes, traffic, memory, versions) that
      // help an attacker map the system (T/QGCML 3125 §8.3.2).
      config: { access: { roles: ['ops'] } },
    },
    async (_request, reply) => {
      return reply.type(app.metrics.contentType).send(await app.metrics.metrics());
    },
  );
};

export default healthRoutes;
