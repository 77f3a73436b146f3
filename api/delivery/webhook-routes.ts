import { createHmac, timingSafeEqual } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { LogisticsWebhookEvent } from '../../db/entities/logistics-webhook-event.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors';
import { webhookBodySchema } from '../../sandbox/logistics-carrier/schemas';
import { handoverWorkflowIdOfSlip, logisticsEventSignal } from '../../workflows/delivery/delivery-handover.definitions';
import { returnSignals, returnWorkflowId } from '../../workflows/returns/return-refund.definitions';
import { sendProblem } from '../plugins/error-handler';
import { problemSchema } from '../shared/problem';

/** A signed request older (or newer) than this is refused: a captured one cannot be replayed later. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface LogisticsWebhookOptions {
  secret: string;
  /** The providers the platform is configured with (LOGISTICS_PROVIDER). */
  providers: readonly string[];
  now?: () => number;
}

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${raw body}`), compared in constant time. */
export function validSignature(secret: string, timestamp: string, rawBody: string, header: string): boolean {
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`,
  );
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const headerOf = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Carrier events (T/QGCML 3125 §6.1): `POST /webhooks/logistics/:provider`. The route is
 * `access: 'public'` because a carrier has no user token: it is authenticated by its
 * signature instead — HMAC-SHA256 with LOGISTICS_WEBHOOK_SECRET over the timestamp and the
 * raw body, the timestamp within 5 minutes, each event id accepted once (a replay or a
 * carrier's redelivery has no second effect). Only then is the handover process signalled.
 */
const logisticsWebhookRoutes: FastifyPluginAsyncZod<LogisticsWebhookOptions> = async (app, options) => {
  const raw = new WeakMap<FastifyRequest, string>();
  const now = options.now ?? Date.now;
  // Scoped to this plugin: the signature is over the exact bytes, so keep them.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    raw.set(request, body as string);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('body is not JSON'), { statusCode: 400 }), undefined);
    }
  });

  app.post(
    '/webhooks/logistics/:provider',
    {
      schema: {
        tags: ['logistics'],
        summary: 'A carrier event (signed webhook)',
        params: z.object({ provider: z.string().min(1).max(32) }),
        body: webhookBodySchema,
        response: {
          200: z.object({ status: z.literal('duplicate') }),
          202: z.object({ status: z.literal('accepted') }),
          401: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
      config: { access: 'public' },
      // Before the body is validated: an unsigned request learns nothing about our schema.
      preValidation: async (request, reply) => {
        const timestamp = headerOf(request, 'x-timestamp') ?? '';
        const signature = headerOf(request, 'x-signature') ?? '';
        const age = Math.abs(now() / 1000 - Number(timestamp));
        const body = raw.get(request);
        if (!/^\d{1,12}$/.test(timestamp) || !(age <= WEBHOOK_TOLERANCE_SECONDS))
          return sendProblem(reply, request, { status: 401, detail: 'X-Timestamp is missing or not within 5 minutes' });
        if (body === undefined || !validSignature(options.secret, timestamp, body, signature))
          return sendProblem(reply, request, { status: 401, detail: 'X-Signature does not verify' });
      },
    },
    async (request, reply) => {
      const { provider } = request.params;
      if (!options.providers.includes(provider)) throw new NotFoundError('logistics provider', provider);
      const event = request.body;
      if (headerOf(request, 'x-event-id') !== event.id)
        throw new InvalidInputError('X-Event-Id', 'does not match the id in the signed body');
      // A delivery's shipment signals its handover process; a return shipment its return (§6.4).
      const slip = await request.em.findOne(HandoverSlip, { provider, shipmentId: event.shipmentId });
      const returned = slip
        ? null
        : await request.em.findOne(ReturnRequest, { provider, shipmentId: event.shipmentId });
      const target = slip
        ? { orderId: slip.orderId, workflowId: handoverWorkflowIdOfSlip(slip), signal: logisticsEventSignal }
        : returned
          ? {
              orderId: returned.orderId,
              workflowId: returnWorkflowId(returned.id),
              signal: returnSignals.shipmentEvent,
            }
          : null;
      if (!target) throw new NotFoundError('shipment', event.shipmentId);
      try {
        // The event id is stored and the process signalled in one transaction: a failed
        // signal stores nothing, so the carrier's retry is processed, not taken for a duplicate.
        await request.em.transactional(async (em) => {
          em.persist(
            new LogisticsWebhookEvent({
              provider,
              eventId: event.id,
              shipmentId: event.shipmentId,
              orderId: target.orderId,
              type: event.type,
              occurredAt: new Date(event.occurredAt),
            }),
          );
          await em.flush();
          await app.temporal.workflow.getHandle(target.workflowId).signal(target.signal, {
            eventId: event.id,
            type: event.type,
            shipmentId: event.shipmentId,
            occurredAt: event.occurredAt,
            amount: event.amount?.value ?? null,
          });
        });
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) return reply.code(200).send({ status: 'duplicate' });
        if (error instanceof WorkflowNotFoundError)
          throw new ConflictError(`the shipment ${event.shipmentId} of order ${target.orderId} is no longer tracked`);
        throw error;
      }
      return reply.code(202).send({ status: 'accepted' });
    },
  );
};

export default logisticsWebhookRoutes;
