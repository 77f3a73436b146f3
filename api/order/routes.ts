import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Order } from '../../db/entities/order.entity';
import { Payment } from '../../db/entities/payment.entity';
import type { FieldCipher } from '../../db/field-cipher';
import { scopeFor } from '../auth/ownership';
import { loadVisibleOrder } from './load-order';
import { toOrderView } from './order-view';
import { startOrderProcess } from '../../activities/order/order-process-start';
import { placeOrder } from './place-order';
import { principalOf } from '../plugins/auth';
import { orderIdParamsSchema, orderViewSchema, placeOrderBodySchema } from './schemas';
import { idempotencyHeadersSchema } from '../shared/idempotency-key';
import { problemSchema } from '../shared/problem';
import { readOneRouteOptions } from '../shared/read-one-route';

export interface OrderRouteOptions {
  cipher: FieldCipher;
}

const paymentRecordSchema = z
  .object({
    operation: z.enum(['authorize', 'capture', 'void', 'refund', 'payout']),
    status: z.enum(['succeeded', 'declined', 'failed']),
    amount: z.number().int(),
    currency: z.string(),
    providerTransactionId: z.string().nullable(),
    declineCode: z.string().nullable(),
    at: z.iso.datetime().describe('when the platform recorded the provider’s answer'),
    requestedAt: z.iso
      .datetime()
      .nullable()
      .describe('refunds: when the provider took the request (its clock; verifiable with the provider)'),
    settlementDate: z.iso
      .date()
      .nullable()
      .describe('the provider’s settlement day (Asia/Shanghai), from its answer or the daily reconciliation'),
  })
  .meta({ id: 'PaymentRecord' });

/** Orders: place (idempotent), read one, list one's own (T/QGCML 3125 §4.7, §5.3, §5.4, §7.1). */
const orderRoutes: FastifyPluginAsyncZod<OrderRouteOptions> = async (app, { cipher }) => {
  const readers = { roles: ['consumer', 'merchant', 'staff'] } as const;

  app.post(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Place an order (send an Idempotency-Key; the same key and body return the same order)',
        headers: idempotencyHeadersSchema,
        body: placeOrderBodySchema,
        response: { 200: orderViewSchema, 201: orderViewSchema, 409: problemSchema, 422: problemSchema },
      },
      config: { access: { roles: ['consumer'] } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { record: order, created } = await placeOrder(
        request,
        { cipher },
        principal,
        request.headers['idempotency-key'],
        request.body,
      );
      // Started after the commit, and again on every replay: a start that failed the first
      // time is made good by the client's retry with the same key.
      await startOrderProcess(app.temporal, order);
      return reply.code(created ? 201 : 200).send(toOrderView(order));
    },
  );

  app.get(
    '/orders/:id',
    readOneRouteOptions({
      tags: ['orders'],
      summary: 'An order: status, amounts, deadlines and timeline',
      params: orderIdParamsSchema,
      view: orderViewSchema,
      access: readers,
    }),
    async (request) => {
      return toOrderView(await loadVisibleOrder(request, request.params.id));
    },
  );

  app.get(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'My orders (a merchant: its shop’s), newest first',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(orderViewSchema), total: z.number().int() }) },
      },
      config: { access: readers },
    },
    async (request) => {
      const [orders, total] = await request.em
        .getRepository(Order)
        .listVisible(scopeFor(principalOf(request)), request.query);
      return { items: orders.map(toOrderView), total };
    },
  );

  app.get(
    '/orders/:id/payments',
    {
      schema: {
        tags: ['orders'],
        summary: 'The payment record of an order: each authorisation, capture, void and refund (§7.1)',
        params: orderIdParamsSchema,
        response: { 200: z.object({ items: z.array(paymentRecordSchema) }), 404: problemSchema },
      },
      config: { access: readers },
    },
    async (request) => {
      const order = await loadVisibleOrder(request, request.params.id);
      const payments = await request.em.find(
        Payment,
        { subjectType: 'order', subjectId: order.id },
        { orderBy: { createdAt: 'asc' } },
      );
      return {
        items: payments.map((payment) => ({
          operation: payment.operation,
          status: payment.status,
          amount: payment.amount,
          currency: payment.currency,
          providerTransactionId: payment.providerTransactionId,
          declineCode: payment.declineCode,
          at: payment.createdAt.toISOString(),
          requestedAt: payment.requestedAt?.toISOString() ?? null,
          settlementDate: payment.settlementDate,
        })),
      };
    },
  );
};

export default orderRoutes;
