import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { discrepancyKinds, ReconciliationDiscrepancy } from '../../db/entities/reconciliation-discrepancy.entity';
import { InvalidInputError } from '../../domain/errors';
import {
  HANDOVER_RECONCILIATION_WORKFLOW,
  handoverReconciliationWorkflowId,
  type HandoverReconciliationResult,
} from '../../workflows/delivery/handover-reconciliation.definitions';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { auditFromRequest } from '../shared/audit';
import { slaReport } from '../reports/sla-report';
import { complaintResponseReport, complaintResponseReportSchema } from '../complaints/complaint-sla';
import { problemSchema } from '../shared/problem';

const DAY = 86_400_000;

const rate = z.object({ due: z.number().int(), breached: z.number().int(), onTimeRate: z.number().nullable() });
const breach = z.object({
  obligation: z.string(),
  subjectId: z.string(),
  dueAt: z.string(),
  detectedAt: z.string(),
  workflowId: z.string().describe('the process behind the breach, to open in the Temporal UI'),
});

/** Supervision of handovers and deliveries (T/QGCML 3125 §4.3, §6.1, §6.2.2): staff only. */
const handoverSupervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reconciliation/discrepancies',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Discrepancies found by handover reconciliation (slips vs orders vs the carrier)',
        querystring: z.object({
          kind: z.enum(discrepancyKinds).optional(),
          orderId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                kind: z.enum(discrepancyKinds),
                orderId: z.uuid(),
                merchantId: z.uuid(),
                carrierId: z.uuid().nullable(),
                slipId: z.uuid().nullable(),
                details: z.record(z.string(), z.unknown()),
                firstSeenAt: z.string(),
                lastSeenAt: z.string(),
              }),
            ),
          }),
        },
      },
      config: { access: { roles: ['staff', 'auditor'] } },
    },
    async (request) => {
      const { kind, orderId, limit } = request.query;
      const rows = await request.em.find(
        ReconciliationDiscrepancy,
        { ...(kind ? { kind } : {}), ...(orderId ? { orderId } : {}) },
        { orderBy: { lastSeenAt: 'desc' }, limit },
      );
      return {
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          orderId: row.orderId,
          merchantId: row.merchantId,
          carrierId: row.carrierId,
          slipId: row.slipId,
          details: row.details,
          firstSeenAt: row.firstSeenAt.toISOString(),
          lastSeenAt: row.lastSeenAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/reconciliation/handovers/runs',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Run handover reconciliation now (the daily schedule runs it too)',
        body: z
          .object({ lookbackDays: z.number().int().min(1).max(366).default(30) })
          .strict()
          .default({ lookbackDays: 30 }),
        response: { 200: z.object({ runDate: z.string(), found: z.number().int() }), 503: problemSchema },
      },
      config: { access: { roles: ['staff'] } },
    },
    async (request) => {
      const result: HandoverReconciliationResult = await app.temporal.workflow.execute(
        HANDOVER_RECONCILIATION_WORKFLOW,
        {
          workflowId: handoverReconciliationWorkflowId(`manual-${Date.now()}`),
          taskQueue: TASK_QUEUES.commerce,
          args: [{ lookbackDays: request.body.lookbackDays }],
        },
      );
      await auditFromRequest(request, {
        action: 'reconciliation.handovers.run',
        entity: 'reconciliation',
        entityId: result.runDate,
        details: { found: result.found },
      });
      return result;
    },
  );

  app.get(
    '/reports/sla',
    {
      schema: {
        tags: ['supervision'],
        summary:
          'On-time rates per merchant, carrier and of the platform itself over a period, with the breaches behind them',
        querystring: z.object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: {
          200: z.object({
            period: z.object({ from: z.string(), to: z.string() }),
            merchants: z.array(
              z.object({
                merchantId: z.string(),
                order_confirmation: rate,
                handover: rate,
                complaint_response: rate,
                return_approval: rate,
                return_inspection: rate,
                breaches: z.array(breach),
              }),
            ),
            carriers: z.array(
              z.object({
                carrierId: z.string(),
                handover: rate,
                delivery: rate,
                cod_remittance: rate,
                complaint_response: rate,
                return_shipment: rate,
                breaches: z.array(breach),
              }),
            ),
            complaintResponse: complaintResponseReportSchema,
            /** §4.7, §6.4: the first response to a complaint and refunds are the platform’s own obligations. */
            platform: z.array(
              z.object({
                platformId: z.string(),
                complaint_first_response: rate,
                refund: rate,
                breaches: z.array(breach),
              }),
            ),
          }),
          422: problemSchema,
        },
      },
      config: { access: { roles: ['staff', 'auditor'] } },
    },
    async (request) => {
      const to = request.query.to ? new Date(request.query.to) : new Date();
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 30 * DAY);
      if (from >= to) throw new InvalidInputError('from', 'must be before to');
      const report = await slaReport(request.em, { from, to });
      // §4.7, §6.1: complaint response per merchant, carrier and the platform itself.
      return { ...report, complaintResponse: await complaintResponseReport(request.em, { from, to }) } as never;
    },
  );
};

export default handoverSupervisionRoutes;
