import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DatabaseProbe } from './database-probe';
import { missingPublishedYears } from '../commitments/calendar-status';

const checkSchema = z.enum(['up', 'down']);
const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ postgres: checkSchema, temporal: checkSchema }),
  /** Facts for operators that do not make the instance unready (only while Postgres answers). */
  details: z
    .object({
      /** This year and next without a loaded State Council notice: 5x8 counts plain weekdays there. */
      serviceCalendar: z.object({ missingYears: z.array(z.number().int()), notices: z.array(z.string()) }),
    })
    .optional(),
});

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref()),
  ]);
}

/**
 * HAProxy checks each API instance every second (`npm run start:cluster`), orchestrators
 * likewise: request lines for every probe would bury everything else in the log. A probe
 * that finds the instance not ready still logs its warning.
 */
const PROBE_LOG_LEVEL = 'warn';

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
      logLevel: PROBE_LOG_LEVEL,
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: Postgres and Temporal answer (details: years without statutory-holiday data)',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
      config: { access: 'public' },
      logLevel: PROBE_LOG_LEVEL,
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
      // A year without holiday data is worth knowing, never a reason to take the instance out.
      const serviceCalendar = postgres
        ? await withTimeout(missingPublishedYears(request.em, new Date()), CHECK_TIMEOUT_MS).catch(() => undefined)
        : undefined;
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks,
        ...(serviceCalendar && { details: { serviceCalendar } }),
      });
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
