import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GatewayContext } from '../context';
import { GatewayError, serviceUnavailable } from '../errors';
import { runIdempotent, sendIdempotent } from '../idempotency';
import { authorize, capture, voidAuthorization } from '../ledger/authorizations';
import { toTransactionBody } from '../ledger/transactions';
import {
  authorizeBodySchema,
  captureBodySchema,
  transactionResponses,
  transactionIdSchema,
  voidBodySchema,
} from '../schemas';
import { tokenBehaviour, type TokenBehaviour } from '../test-tokens';

const params = z.object({ id: transactionIdSchema });

/** Authorise (hold funds), capture (take them) and void (release them). */
const authorizationRoutes: FastifyPluginAsyncZod<GatewayContext> = async (app, { db, faults, flakyAttempts }) => {
  /** `tok_fail_gateway` fails its first attempts per key with nothing stored, then approves. */
  function settle(behaviour: TokenBehaviour, key: string): Exclude<TokenBehaviour, { kind: 'flaky' }> {
    if (behaviour.kind !== 'flaky') return behaviour;
    const attempt = (flakyAttempts.get(key) ?? 0) + 1;
    flakyAttempts.set(key, attempt);
    if (attempt <= behaviour.failures) throw serviceUnavailable('Simulated gateway outage (tok_fail_gateway).');
    flakyAttempts.delete(key);
    return { kind: 'approve' };
  }

  app.post(
    '/v1/authorizations',
    { schema: { body: authorizeBodySchema, response: transactionResponses } },
    async (request, reply) => {
      const behaviour = tokenBehaviour(request.body.paymentToken);
      if (!behaviour)
        throw new GatewayError(
          400,
          'invalid_request_error',
          'invalid_payment_token',
          'No such payment token.',
          'paymentToken',
        );
      const response = await runIdempotent(db, request, async (trx, key) => ({
        statusCode: 201,
        body: toTransactionBody(await authorize(trx, request.body, settle(behaviour, key))),
      }));
      return sendIdempotent(reply, faults, response);
    },
  );

  app.post(
    '/v1/authorizations/:id/capture',
    { schema: { params, body: captureBodySchema, response: transactionResponses } },
    async (request, reply) => {
      const response = await runIdempotent(db, request, async (trx) => ({
        statusCode: 201,
        body: toTransactionBody(await capture(trx, request.params.id, request.body.amount)),
      }));
      return sendIdempotent(reply, faults, response);
    },
  );

  app.post(
    '/v1/authorizations/:id/void',
    { schema: { params, body: voidBodySchema, response: transactionResponses } },
    async (request, reply) => {
      const response = await runIdempotent(db, request, async (trx) => ({
        statusCode: 201,
        body: toTransactionBody(await voidAuthorization(trx, request.params.id)),
      }));
      return sendIdempotent(reply, faults, response);
    },
  );
};

export default authorizationRoutes;
