import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Order } from '../../db/entities/order.entity';
import { NotFoundError } from '../../domain/errors';
import {
  cancelOrderUpdate,
  confirmOrderUpdate,
  rejectOrderUpdate,
} from '../../workflows/definitions/order-confirmation';
import { auditFromRequest } from '../audit';
import { scopeFor } from '../auth/ownership';
import { decideOrder } from '../orders/order-process';
import { principalOf } from '../plugins/auth';
import { decisionOutcomeSchema, orderIdParamsSchema } from '../schemas/order';
import { problemSchema } from '../schemas/problem';

const responses = { 200: decisionOutcomeSchema, 404: problemSchema, 409: problemSchema };

/**
 * Order confirmation control (T/QGCML 3125 §4.7): the merchant confirms or rejects, the
 * consumer may cancel before confirmation. Each answer is the process's real outcome.
 */
const orderDecisionRoutes: FastifyPluginAsyncZod = async (app) => {
  async function visibleOrder(request: Parameters<typeof principalOf>[0], id: string): Promise<Order> {
    const order = await request.em.getRepository(Order).findVisible(id, scopeFor(principalOf(request)));
    if (!order) throw new NotFoundError('order', id);
    return order;
  }

  async function audited(request: Parameters<typeof principalOf>[0], order: Order, action: string, status: string) {
    await auditFromRequest(request, { action, entity: 'order', entityId: order.id, details: { status } });
  }

  app.post(
    '/orders/:id/confirm',
    {
      schema: {
        tags: ['orders'],
        summary: 'Confirm an order (its merchant)',
        params: orderIdParamsSchema,
        response: responses,
      },
      config: { access: { roles: ['merchant'] } },
    },
    async (request) => {
      const order = await visibleOrder(request, request.params.id);
      const { sub } = principalOf(request);
      const outcome = await decideOrder(app.temporal, order, (handle) =>
        handle.executeUpdate(confirmOrderUpdate, { args: [{ by: sub }] }),
      );
      await audited(request, order, 'order.confirm', outcome.status);
      return { id: order.id, ...outcome };
    },
  );

  app.post(
    '/orders/:id/reject',
    {
      schema: {
        tags: ['orders'],
        summary: 'Reject an order, with the reason (its merchant)',
        params: orderIdParamsSchema,
        body: z.object({ reason: z.string().trim().min(3).max(500) }).strict(),
        response: responses,
      },
      config: { access: { roles: ['merchant'] } },
    },
    async (request) => {
      const order = await visibleOrder(request, request.params.id);
      const { sub } = principalOf(request);
      const outcome = await decideOrder(app.temporal, order, (handle) =>
        handle.executeUpdate(rejectOrderUpdate, { args: [{ by: sub, reason: request.body.reason }] }),
      );
      await audited(request, order, 'order.reject', outcome.status);
      return { id: order.id, ...outcome };
    },
  );

  app.post(
    '/orders/:id/cancel',
    {
      schema: {
        tags: ['orders'],
        summary: 'Cancel my order before it is confirmed',
        params: orderIdParamsSchema,
        response: responses,
      },
      config: { access: { roles: ['consumer'] } },
    },
    async (request) => {
      const order = await visibleOrder(request, request.params.id);
      const { sub } = principalOf(request);
      const outcome = await decideOrder(app.temporal, order, (handle) =>
        handle.executeUpdate(cancelOrderUpdate, { args: [{ by: sub }] }),
      );
      await audited(request, order, 'order.cancel', outcome.status);
      return { id: order.id, ...outcome };
    },
  );
};

export default orderDecisionRoutes;
