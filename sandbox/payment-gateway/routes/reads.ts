import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GatewayContext } from '../context';
import { notFound } from '../errors';
import { settlementsOn } from '../ledger/reports';
import { findTransaction, toTransactionBody } from '../ledger/transactions';
import {
  gatewayErrorSchema,
  isoDateSchema,
  settlementSchema,
  transactionIdSchema,
  transactionSchema,
} from '../schemas';

/** Reads for the merchant: one transaction, and a day's settlement for reconciliation. */
const readRoutes: FastifyPluginAsyncZod<GatewayContext> = async (app, { db }) => {
  app.get(
    '/v1/transactions/:id',
    {
      schema: {
        params: z.object({ id: transactionIdSchema }),
        response: { 200: transactionSchema, 404: gatewayErrorSchema },
      },
    },
    async (request) => {
      const row = await findTransaction(db, request.params.id);
      if (!row) throw notFound('transaction', request.params.id);
      return toTransactionBody(row);
    },
  );

  app.get(
    '/v1/settlements',
    { schema: { querystring: z.object({ date: isoDateSchema }), response: { 200: settlementSchema } } },
    async (request) => settlementsOn(db, request.query.date),
  );
};

export default readRoutes;
