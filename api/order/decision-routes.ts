import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/principal';
import {
  cancelOrderUpdate,
  confirmOrderUpdate,
  rejectOrderUpdate,
  type OrderDecisionOutcome,
} from '../../workflows/order/order-confirmation.definitions';
import { auditFromRequest } from '../shared/audit';
import { loadVisibleOrder } from './load-order';
import { decideOrder } from './order-process';
import { principalOf } from '../plugins/auth';
import { decisionOutcomeSchema, orderIdParamsSchema } from './schemas';
import { problemSchema } from '../shared/problem';
import { stepRouteOptions } from '../shared/step-routes';

const rejectBodySchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
type Handle = Parameters<Parameters<typeof decideOrder>[2]>[0];

interface Decision<Body> {
  action: 'confirm' | 'reject' | 'cancel';
  summary: string;
  roles: readonly Role[];
  body?: z.ZodType<Body>;
  send(handle: Handle, by: string, body: Body): Promise<OrderDecisionOutcome>;
}

const decisions = [
  {
    action: 'confirm',
    summary: 'Confirm an order (its merchant)',
    roles: ['merchant'],
    send: (handle, by) => handle.executeUpdate(confirmOrderUpdate, { args: [{ by }] }),
  } satisfies Decision<undefined>,
  {
    action: 'reject',
    summary: 'Reject an order, with the reason (its merchant)',
    roles: ['merchant'],
    body: rejectBodySchema,
    send: (handle, by, body) => handle.executeUpdate(rejectOrderUpdate, { args: [{ by, reason: body.reason }] }),
  } satisfies Decision<z.infer<typeof rejectBodySchema>>,
  {
    action: 'cancel',
    summary: 'Cancel my order before it is confirmed',
    roles: ['consumer'],
    send: (handle, by) => handle.executeUpdate(cancelOrderUpdate, { args: [{ by }] }),
  } satisfies Decision<undefined>,
] as Decision<unknown>[];

const orderResource = {
  tags: ['orders'],
  params: orderIdParamsSchema,
  response: { 200: decisionOutcomeSchema, 404: problemSchema, 409: problemSchema },
};

/**
 * Order confirmation control (T/QGCML 3125 §4.7): the merchant confirms or rejects, the
 * consumer may cancel before confirmation. Each answer is the process's real outcome;
 * someone else's order is a 404, an order already decided a 409.
 */
const orderDecisionRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const decision of decisions) {
    app.post(`/orders/:id/${decision.action}`, stepRouteOptions(orderResource, decision), async (request) => {
      const principal = principalOf(request);
      const order = await loadVisibleOrder(request, request.params.id);
      const outcome = await decideOrder(app.temporal, order, (handle) =>
        decision.send(handle, principal.sub, request.body),
      );
      await auditFromRequest(request, {
        action: `order.${decision.action}`,
        entity: 'order',
        entityId: order.id,
        details: { status: outcome.status },
      });
      return { id: order.id, ...outcome };
    });
  }
};

export default orderDecisionRoutes;
