import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { GatewayContext } from '../context';
import { answerMoneyMovement } from '../idempotency';
import { payout } from '../ledger/payouts';
import { refund } from '../ledger/refunds';
import { payoutBodySchema, refundBodySchema, transactionResponses } from '../schemas';

/** Money leaving the merchant account: refunds of captures and payouts to beneficiaries. */
const moneyOutRoutes: FastifyPluginAsyncZod<GatewayContext> = async (app, context) => {
  app.post(
    '/v1/refunds',
    { schema: { body: refundBodySchema, response: transactionResponses } },
    async (request, reply) => answerMoneyMovement(context, request, reply, (trx) => refund(trx, request.body)),
  );

  app.post(
    '/v1/payouts',
    { schema: { body: payoutBodySchema, response: transactionResponses } },
    async (request, reply) => answerMoneyMovement(context, request, reply, (trx) => payout(trx, request.body)),
  );
};

export default moneyOutRoutes;
