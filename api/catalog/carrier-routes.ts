import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Carrier } from '../../db/entities/carrier.entity';
import { NotFoundError } from '../../domain/errors';
import { persistAudited } from '../shared/audit';
import { principalOf } from '../plugins/auth';
import { carrierView, carrierViewSchema, createCarrierSchema } from './carrier-schemas';
import { problemSchema } from '../shared/problem';
import { readOneRouteOptions } from '../shared/read-one-route';

/** Courier companies and the time limits they contracted to (T/QGCML 3125 §6.1, §6.2.2). */
const carrierRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/carriers',
    {
      config: { access: { roles: ['staff'] } },
      schema: {
        tags: ['catalog'],
        summary: 'Register a courier company with its contract terms',
        body: createCarrierSchema,
        response: { 201: carrierViewSchema, 400: problemSchema },
      },
    },
    async (request, reply) => {
      const { name, contactEmail, contractTerms } = request.body;
      const carrier = new Carrier({ name, contactEmail, contractTerms });
      await request.em.transactional((em) =>
        persistAudited(request, em, carrier, {
          action: 'carrier.create',
          entity: 'carrier',
          entityId: carrier.id,
          details: { contractTerms },
        }),
      );
      return reply.code(201).send(carrierView(carrier));
    },
  );

  app.get(
    '/carriers/:id',
    readOneRouteOptions({
      tags: ['catalog'],
      summary: 'A courier company and its contract terms (staff, or its own couriers)',
      params: z.object({ id: z.uuid() }),
      view: carrierViewSchema,
      access: { roles: ['staff', 'courier'] },
      documentsMalformedId: true,
    }),
    async (request) => {
      const { id } = request.params;
      const principal = principalOf(request);
      // Another carrier's terms are a 404: a courier cannot learn that it exists.
      if (principal.role === 'courier' && principal.carrierId !== id) throw new NotFoundError('carrier', id);
      const carrier = await request.em.findOne(Carrier, { id });
      if (!carrier) throw new NotFoundError('carrier', id);
      return carrierView(carrier);
    },
  );
};

export default carrierRoutes;
