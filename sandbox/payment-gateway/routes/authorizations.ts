import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GatewayContext } from '../context';
import { GatewayError, serviceUnavailable } from '../errors';
import { answerMoneyMovement } from '../idempotency';
import { authorize, capture, voidAuthorization } from '../ledger/authorizations';
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
const authorizationRoutes: FastifyPluginAsyncZod<GatewayContext> = async (app, context) => {
  const { flakyAttempts } = context;
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
      return answerMoneyMovement(context, request, reply, (trx, key) =>
        authorize(trx, request.body, settle(behaviour, key)),
      );
    },
  );

  app.post(
    '/v1/authorizations/:id/capture',
    { schema: { params, body: captureBodySchema, response: transactionResponses } },
    async (request, reply) =>
      answerMoneyMovement(context, request, reply, (trx) => capture(trx, request.params.id, request.body.amount)),
  );

  app.post(
    '/v1/authorizations/:id/void',
    { schema: { params, body: voidBodySchema, response: transactionResponses } },
    async (request, reply) =>
      answerMoneyMovement(context, request, reply, (trx) => voidAuthorization(trx, request.params.id)),
  );
};

export default authorizationRoutes;
