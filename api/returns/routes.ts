import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { returnStatusSchema } from '../../domain/returns';
import { scopeFor } from '../auth/ownership';
import { loadVisibleOrder } from '../order/load-order';
import { orderIdParamsSchema } from '../order/schemas';
import { principalOf } from '../plugins/auth';
import { optionalIdempotencyHeadersSchema } from '../shared/idempotency-key';
import { problemSchema } from '../shared/problem';
import { askForReturn } from './ask-for-return';
import { loadVisibleReturn } from './load-return';
import { toReturnView } from './return-view';
import { grantGoodwillRefund } from './goodwill-refund';
import { startReturnProcess } from '../../activities/returns/return-process-start';
import {
  goodwillRefundBodySchema,
  listReturnsQuerySchema,
  requestReturnBodySchema,
  returnIdParamsSchema,
  returnViewSchema,
} from './schemas';
import { readOneRouteOptions } from '../shared/read-one-route';
import { commitReturnThenStart } from './commit-then-start';

const listSchema = z.object({ items: z.array(returnViewSchema), total: z.number().int() });

/**
 * Returns, exchanges and refunds (T/QGCML 3125 §6.4, §7.1.2): a consumer asks; the
 * consumer, the merchant, the carrier of the return and staff read. Someone else's order
 * or return is a 404, as if it did not exist.
 */
const returnRoutes: FastifyPluginAsyncZod = async (app) => {
  const readers = { roles: ['consumer', 'merchant', 'courier', 'staff'] } as const;

  app.post(
    '/orders/:id/returns',
    {
      schema: {
        tags: ['returns'],
        summary: 'Ask to return, exchange or be refunded for delivered goods (the order’s consumer)',
        description:
          `Statuses a return goes through: ${returnStatusSchema.options.join(', ')}. ` +
          'Send an Idempotency-Key to make a retry safe: the same key and body answer 201 with the return ' +
          'the first call made, and ask nothing again; the same key with another body (or order) is a 409.',
        headers: optionalIdempotencyHeadersSchema,
        params: orderIdParamsSchema,
        body: requestReturnBodySchema,
        response: { 201: returnViewSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema },
      },
      config: { access: { roles: ['consumer'] } },
    },
    async (request, reply) => {
      const { record } = await askForReturn(
        request,
        principalOf(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      // Committed first, then started (as orders are): a process never waits for a request
      // that was never committed; a request whose start is lost (the API killed here) is
      // started by the unstarted-process sweep within a minute. A retry with the key starts
      // it again, which finds the one process (its id is the return's).
      await startReturnProcess(app.temporal, record);
      return reply.code(201).send(toReturnView(record));
    },
  );

  app.post(
    '/orders/:id/goodwill-refunds',
    {
      schema: {
        tags: ['returns'],
        summary: 'Refund an amount on a delivered order without a return, with the reason (staff, §4.8)',
        params: orderIdParamsSchema,
        body: goodwillRefundBodySchema,
        response: { 201: returnViewSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema },
      },
      config: { access: { roles: ['staff'] } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const granted = await commitReturnThenStart(
        app.temporal,
        request,
        (em) => grantGoodwillRefund(em, { ...request.body, orderId: request.params.id, by: principal.sub }),
        (made) => ({
          action: 'return.goodwill',
          details: { orderId: made.orderId, amount: request.body.amount, reason: request.body.reason },
        }),
      );
      return reply.code(201).send(toReturnView(granted));
    },
  );

  app.get(
    '/returns/:id',
    readOneRouteOptions({
      tags: ['returns'],
      summary: 'A return: status, deadlines, decision, shipment, inspection and refund',
      params: returnIdParamsSchema,
      view: returnViewSchema,
      access: readers,
    }),
    async (request) => {
      return toReturnView(await loadVisibleReturn(request, request.params.id));
    },
  );

  app.get(
    '/orders/:id/returns',
    {
      schema: {
        tags: ['returns'],
        summary: 'The returns of an order, newest first',
        params: orderIdParamsSchema,
        response: { 200: listSchema, 404: problemSchema },
      },
      config: { access: { roles: ['consumer', 'merchant', 'staff'] } },
    },
    async (request) => {
      const order = await loadVisibleOrder(request, request.params.id);
      const [items, total] = await request.em
        .getRepository(ReturnRequest)
        .listVisible(scopeFor(principalOf(request)), { orderId: order.id }, { limit: 100, offset: 0 });
      return { items: items.map(toReturnView), total };
    },
  );

  app.get(
    '/returns',
    {
      schema: {
        tags: ['returns'],
        summary:
          'My returns (a merchant: its shop’s; a courier: its carrier’s; staff: all, e.g. ?status=refund_pending)',
        querystring: listReturnsQuerySchema,
        response: { 200: listSchema },
      },
      config: { access: readers },
    },
    async (request) => {
      const { status, ...page } = request.query;
      const [items, total] = await request.em
        .getRepository(ReturnRequest)
        .listVisible(scopeFor(principalOf(request)), { status }, page);
      return { items: items.map(toReturnView), total };
    },
  );
};

export default returnRoutes;
