import type { Knex } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GatewayError, invalidState, notFound } from '../payment-gateway/errors';
import { requireIdempotencyKey } from '../shared/idempotency-key';
import { bookShipmentBodySchema } from './schemas';
import { findShipment, newId, requestHash, shipments } from './shipments';

const idParams = z.object({ id: z.string().min(1).max(100) });

/** The carrier's public API: book (idempotent), read, list by reference, cancel. */
const shipmentRoutes: FastifyPluginAsyncZod<{ db: Knex }> = async (app, { db }) => {
  app.post('/v1/shipments', { schema: { body: bookShipmentBodySchema } }, async (request, reply) => {
    const key = requireIdempotencyKey(request, 'Idempotency-Key is required.');
    const hash = requestHash(request.body);
    const id = newId('shp');
    const body = request.body;
    // The unique key decides: a second request with the key books nothing and gets the first booking.
    const inserted = await shipments(db)
      .insert({
        id,
        idempotency_key: key,
        request_hash: hash,
        reference: body.reference,
        status: 'booked',
        pieces: body.pieces,
        declared_value: body.declaredValue.value,
        currency: body.declaredValue.currency,
        cod_amount: body.cashOnDelivery?.value ?? null,
        recipient: JSON.stringify(body.recipient),
      })
      .onConflict('idempotency_key')
      .ignore()
      .returning('id');
    if (inserted.length === 0) {
      const existing = await shipments(db).where({ idempotency_key: key }).first();
      if (existing.request_hash !== hash)
        throw new GatewayError(
          409,
          'idempotency_error',
          'idempotency_key_reused',
          'This Idempotency-Key was used with a different request.',
        );
      reply.header('idempotent-replayed', 'true');
      return reply.code(200).send(await findShipment(db, existing.id));
    }
    return reply.code(201).send(await findShipment(db, id));
  });

  app.get('/v1/shipments/:id', { schema: { params: idParams } }, async (request) => {
    const shipment = await findShipment(db, request.params.id);
    if (!shipment) throw notFound('shipment', request.params.id);
    return shipment;
  });

  app.get(
    '/v1/shipments',
    { schema: { querystring: z.object({ reference: z.string().min(1).max(100) }) } },
    async (request) => {
      const rows = await shipments(db).where({ reference: request.query.reference }).orderBy('created_at').select('id');
      const items = await Promise.all(rows.map((row: { id: string }) => findShipment(db, row.id)));
      return { items };
    },
  );

  /** Cancelling before pick-up only, like real carriers; cancelling twice is the same answer. */
  app.post('/v1/shipments/:id/cancel', { schema: { params: idParams } }, async (request) => {
    const shipment = await findShipment(db, request.params.id);
    if (!shipment) throw notFound('shipment', request.params.id);
    if (shipment.status !== 'booked' && shipment.status !== 'cancelled')
      throw invalidState(`Shipment ${shipment.id} is ${shipment.status} and can no longer be cancelled.`);
    await shipments(db).where({ id: shipment.id }).update({ status: 'cancelled', updated_at: db.fn.now() });
    return findShipment(db, shipment.id);
  });
};

export default shipmentRoutes;
