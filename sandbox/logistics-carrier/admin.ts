import type { Knex } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidState, notFound } from '../payment-gateway/errors';
import { adminEventBodySchema } from './schemas';
import { events, findShipment, newId, shipments, toWebhook } from './shipments';
import type { WebhookSender } from './webhooks';

const idParams = z.object({ id: z.string().min(1).max(100) });

/**
 * What a real carrier's couriers and back office do, as endpoints: move a shipment through
 * its events (each recorded, then delivered as a signed webhook) and resend an event (a
 * duplicate delivery, as real carriers do after a lost acknowledgement).
 */
const adminRoutes: FastifyPluginAsyncZod<{ db: Knex; webhooks: WebhookSender }> = async (app, { db, webhooks }) => {
  app.post(
    '/admin/shipments/:id/events',
    { schema: { params: idParams, body: adminEventBodySchema } },
    async (request, reply) => {
      const shipment = await findShipment(db, request.params.id);
      if (!shipment) throw notFound('shipment', request.params.id);
      if (shipment.status === 'cancelled') throw invalidState(`Shipment ${shipment.id} is cancelled.`);
      const { type } = request.body;
      const amount = type === 'cod_remitted' ? (request.body.amount ?? shipment.cashOnDelivery?.value ?? 0) : null;
      const id = newId('evt');
      await db.transaction(async (trx) => {
        await events(trx).insert({ id, shipment_id: shipment.id, type, amount });
        await shipments(trx)
          .where({ id: shipment.id })
          .update({
            status: type,
            updated_at: trx.fn.now(),
            ...(amount !== null ? { cod_remitted_amount: trx.raw('cod_remitted_amount + ?', [amount]) } : {}),
          });
      });
      const event = toWebhook((await findShipment(db, shipment.id))!, id);
      const delivery = await webhooks.deliver(event);
      return reply.code(201).send({ event, delivery });
    },
  );

  app.post('/admin/events/:id/redeliver', { schema: { params: idParams } }, async (request) => {
    const row = await events(db).where({ id: request.params.id }).first();
    if (!row) throw notFound('event', request.params.id);
    const event = toWebhook((await findShipment(db, row.shipment_id))!, row.id);
    return { event, delivery: await webhooks.deliver(event) };
  });
};

export default adminRoutes;
