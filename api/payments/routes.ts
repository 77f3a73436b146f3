import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PaymentDiscrepancy } from '../../db/entities/payment-discrepancy.entity';
import {
  PAYMENT_RECONCILIATION_WORKFLOW,
  paymentReconciliationWorkflowId,
} from '../../workflows/payments/payment-reconciliation.definitions';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import type { paymentReconciliationWorkflow } from '../../workflows/payments/payment-reconciliation';
import { auditFromRequest } from '../shared/audit';

const dateSchema = z.iso.date().describe('settlement day, Asia/Shanghai');
const summarySchema = z.object({
  settlementDate: z.string(),
  platformRecords: z.number().int(),
  providerRecords: z.number().int(),
  discrepancies: z.number().int(),
});
const discrepancySchema = z.object({
  kind: z.enum(['missing_at_provider', 'missing_at_platform', 'amount_mismatch']),
  providerTransactionId: z.string(),
  reference: z.string(),
  platformAmount: z.number().int().nullable(),
  providerAmount: z.number().int().nullable(),
  detectedAt: z.iso.datetime(),
});

/**
 * Payment reconciliation for staff (T/QGCML 3125 §4.6 a named person reconciles with the
 * provider; §7.1 timely reconciliation): the day's differences, and a run on demand.
 */
const paymentReconciliationRoutes: FastifyPluginAsyncZod = async (app) => {
  const access = { roles: ['staff'] } as const;

  app.get(
    '/reports/payment-reconciliation',
    {
      schema: {
        tags: ['reports'],
        summary: "A day's differences between our payment records and the provider's settlement",
        querystring: z.object({ date: dateSchema }),
        response: { 200: z.object({ settlementDate: z.string(), items: z.array(discrepancySchema) }) },
      },
      config: { access },
    },
    async (request) => {
      const found = await request.em.find(
        PaymentDiscrepancy,
        { settlementDate: request.query.date },
        { orderBy: { kind: 'asc', providerTransactionId: 'asc' } },
      );
      return {
        settlementDate: request.query.date,
        items: found.map((d) => ({
          kind: d.kind,
          providerTransactionId: d.providerTransactionId,
          reference: d.reference,
          platformAmount: d.platformAmount,
          providerAmount: d.providerAmount,
          detectedAt: d.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/reports/payment-reconciliation/runs',
    {
      schema: {
        tags: ['reports'],
        summary: 'Reconcile one day now (the daily schedule does it at 02:00 for the day before)',
        body: z.object({ date: dateSchema }).strict(),
        response: { 200: summarySchema },
      },
      config: { access },
    },
    async (request) => {
      const result = await app.temporal.workflow.execute<typeof paymentReconciliationWorkflow>(
        PAYMENT_RECONCILIATION_WORKFLOW,
        {
          workflowId: paymentReconciliationWorkflowId(request.body.date),
          taskQueue: TASK_QUEUES.commerce,
          args: [{ settlementDate: request.body.date }],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
          workflowExecutionTimeout: '10 minutes',
        },
      );
      await auditFromRequest(request, {
        action: 'payments.reconcile',
        entity: 'settlement_day',
        entityId: request.body.date,
        details: { discrepancies: result.discrepancies },
      });
      return result;
    },
  );
};

export default paymentReconciliationRoutes;
