import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { GatewayContext } from '../context';
import { runIdempotent, sendIdempotent } from '../idempotency';
import { payout } from '../ledger/payouts';
import { refund } from '../ledger/refunds';
import { toTransactionBody } from '../ledger/transactions';
import { payoutBodySchema, refundBodySchema, transactionResponses } from '../schemas';

/** Money leaving the merchant account: refunds of captures and payouts to beneficiaries. */
const moneyOutRoutes: FastifyPluginAsyncZod<GatewayContext> = async (app, { db, faults }) => {
  app.post(
    '/v1/refunds',
    { schema: { body: refundBodySchema, response: transactionResponses } },
    async (request, reply) => {
      const response = await runIdempotent(db, request, async (trx) => ({
        statusCode: 201,
        body: toTransactionBody(await refund(trx, request.body)),
      }));
      return sendIdempotent(reply, faults, response);
    },
  );

  app.post(
    '/v1/payouts',
    { schema: { body: payoutBodySchema, response: transactionResponses } },
    async (request, reply) => {
      const response = await runIdempotent(db, request, async (trx) => ({
        statusCode: 201,
        body: toTransactionBody(await payout(trx, request.body)),
      }));
      return sendIdempotent(reply, faults, response);
    },
  );
};

export default moneyOutRoutes;
