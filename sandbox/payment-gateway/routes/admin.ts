import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GatewayContext } from '../context';
import { ledgerSummaries } from '../ledger/reports';
import { faultsSchema, ledgerSummarySchema } from '../schemas';

/** The sandbox's control panel: fault injection and a view of the ledger per reference. */
const adminRoutes: FastifyPluginAsyncZod<GatewayContext> = async (app, { db, faults }) => {
  app.get('/admin/faults', { schema: { response: { 200: faultsSchema } } }, async () => faults.settings);

  app.post(
    '/admin/faults',
    { schema: { body: faultsSchema.partial(), response: { 200: faultsSchema } } },
    async (request) => faults.set(request.body),
  );

  app.delete('/admin/faults', { schema: { response: { 200: faultsSchema } } }, async () => faults.reset());

  app.get(
    '/admin/ledger',
    {
      schema: {
        querystring: z.object({
          reference: z.string().min(1).max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(ledgerSummarySchema) }) },
      },
    },
    async (request) => ({ items: await ledgerSummaries(db, request.query) }),
  );
};

export default adminRoutes;
