import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidInputError } from '../../domain/errors';
import { problemSchema } from '../shared/problem';
import { jsonOrCsvResponse, sendCsv, wantsCsv } from './csv';
import { auditChainState, backupRows, drillRows } from './ops-report';
import { slaTrend } from './sla-trend';
import { listWorkQueues, workQueues } from './work-queues';

const DAY_MS = 86_400_000;

const periodQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('start of the period (default: 30 days before `to`)'),
  to: z.iso.datetime({ offset: true }).optional().describe('end of the period, exclusive (default: now)'),
  format: z.enum(['json', 'csv']).optional().describe('csv, or send Accept: text/csv'),
});

export function periodOf(query: { from?: string; to?: string }, defaultDays = 30) {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultDays * DAY_MS);
  if (from >= to) throw new InvalidInputError('from', 'must be before to');
  return { from, to };
}

/** GET /reports/work-queues as JSON: each queue with its items (ids and deadlines only). */
const workQueuesSchema = z.object({
  queues: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      clause: z.string().describe('the clause of T/QGCML 3125 the deadline comes from'),
      ageing: z
        .record(z.string(), z.number().int())
        .optional()
        .describe('recovery claims: items per bucket of days overdue (0-30, 31-60, 61-90, 90+)'),
      items: z.array(
        z.object({
          subjectId: z.string(),
          merchantId: z.string().nullable(),
          carrierId: z.string().nullable(),
          state: z.string(),
          dueAt: z.string().nullable(),
          secondsLeft: z.number().int().nullable().describe('negative once overdue'),
          workflowId: z.string().describe('the process in the Temporal UI'),
          resource: z.string().describe('the record in this API'),
        }),
      ),
    }),
  ),
});

const csvOrJson = {
  200: jsonOrCsvResponse(z.unknown(), 'The report: JSON, or CSV with format=csv or Accept: text/csv'),
  422: problemSchema,
};

/**
 * The analysis interface (T/QGCML 3125 §4.3 business statistics, §8.7 data analysis):
 * every figure and list of the console, as JSON or CSV, for a period and a party.
 */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/sla/trend',
    {
      schema: {
        tags: ['reports'],
        summary: 'On-time rate over time per obligation, for the platform, a merchant or a carrier, with the breaches',
        querystring: periodQuery.extend({
          bucket: z.enum(['day', 'week']).default('day'),
          party: z.enum(['platform', 'merchant', 'carrier']).default('platform'),
          partyId: z.string().max(64).optional(),
        }),
        response: csvOrJson,
      },
      config: { access: { roles: ['staff', 'auditor'] } },
    },
    async (request, reply) => {
      const { bucket, party, partyId, format } = request.query;
      const period = periodOf(request.query);
      const trend = await slaTrend(request.em, { ...period, bucket, party, ...(partyId ? { partyId } : {}) });
      if (wantsCsv(request, format)) {
        const rows = trend.points.map((point) => ({ ...point, breaches: point.breaches.length }));
        return sendCsv(
          reply,
          'sla-trend',
          ['from', 'to', 'obligation', 'due', 'breached', 'onTimeRate', 'breaches'],
          rows,
        );
      }
      return {
        period: { from: period.from.toISOString(), to: period.to.toISOString() },
        bucket,
        party,
        partyId: partyId ?? null,
        ...trend,
      };
    },
  );

  app.get(
    '/reports/work-queues',
    {
      schema: {
        tags: ['reports'],
        summary: 'Waiting work, each queue sorted by time left (overdue first), with the process of each item',
        querystring: z.object({
          queue: z.enum(workQueues.map((queue) => queue.id) as [string, ...string[]]).optional(),
          format: periodQuery.shape.format,
        }),
        response: {
          ...csvOrJson,
          200: jsonOrCsvResponse(workQueuesSchema, 'The queues: JSON, or CSV with format=csv or Accept: text/csv'),
        },
      },
      config: { access: { roles: ['staff', 'auditor'] } },
    },
    async (request, reply) => {
      const queues = await listWorkQueues(request.em, new Date(), request.query.queue);
      if (wantsCsv(request, request.query.format)) {
        const rows = queues.flatMap((queue) => queue.items.map((item) => ({ queue: queue.id, ...item })));
        const columns = [
          'queue',
          'subjectId',
          'merchantId',
          'carrierId',
          'state',
          'dueAt',
          'secondsLeft',
          'workflowId',
          'resource',
        ];
        return sendCsv(reply, 'work-queues', columns, rows);
      }
      return { queues };
    },
  );

  app.get(
    '/reports/backups',
    {
      schema: {
        tags: ['reports'],
        summary: 'Backups in a period: type, repository, size, verified (§8.4)',
        querystring: periodQuery,
        response: csvOrJson,
      },
      config: { access: { roles: ['ops', 'staff', 'auditor'] } },
    },
    async (request, reply) => {
      const items = await backupRows(request.em, periodOf(request.query));
      if (!wantsCsv(request, request.query.format)) return { items };
      const columns = ['at', 'type', 'repo', 'status', 'sizeBytes', 'verified', 'workflowId', 'error'];
      return sendCsv(reply, 'backups', columns, items);
    },
  );

  app.get(
    '/reports/recovery-drills',
    {
      schema: {
        tags: ['reports'],
        summary: 'Recovery drills in a period with RTO, RPO and completeness against the limits (§8.2.3)',
        querystring: periodQuery,
        response: csvOrJson,
      },
      config: { access: { roles: ['ops', 'staff', 'auditor'] } },
    },
    async (request, reply) => {
      const items = await drillRows(request.em, periodOf(request.query, 90));
      if (!wantsCsv(request, request.query.format)) return { items };
      const columns = ['at', 'scenario', 'status', 'rtoSeconds', 'rtoLimitSeconds', 'rpoSeconds', 'completeness'];
      columns.push('completenessLimit', 'drillId', 'workflowId', 'failureReason');
      return sendCsv(reply, 'recovery-drills', columns, items);
    },
  );

  app.get(
    '/reports/audit-chain',
    {
      schema: {
        tags: ['reports'],
        summary: "The audit chain's state now: intact, or where it breaks (§8.3.5)",
        response: { 200: z.unknown() },
      },
      config: { access: { roles: ['ops', 'auditor'] } },
    },
    async (request) => auditChainState(request.em),
  );
};

export default reportRoutes;
