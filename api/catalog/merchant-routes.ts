import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Merchant } from '../../db/entities/merchant.entity';
import { NotFoundError } from '../../domain/errors';
import type { Principal } from '../../domain/principal';
import { persistAudited } from '../shared/audit';
import { createMerchantSchema, merchantView, merchantViewSchema } from './merchant-schemas';
import { problemSchema } from '../shared/problem';
import { readOneRouteOptions } from '../shared/read-one-route';

/** Staff, and the merchant itself, see the filing record behind the public disclosure. */
function seesFilingRecord(principal: Principal | null, merchantId: string): boolean {
  return principal?.role === 'staff' || (principal?.role === 'merchant' && principal.merchantId === merchantId);
}

/**
 * Merchants and their filed qualifications: staff review and file them (T/QGCML 3125
 * §4.4); anyone may read the disclosed qualifications (§4.5).
 */
const merchantRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/merchants',
    {
      config: { access: { roles: ['staff'] } },
      schema: {
        tags: ['catalog'],
        summary: 'File a merchant with its reviewed qualifications (T/QGCML 3125 §4.4)',
        body: createMerchantSchema,
        response: { 201: merchantViewSchema, 400: problemSchema },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const { name, contactEmail, qualifications } = request.body;
      const merchant = new Merchant({ name, contactEmail, qualifications, filedAt: now, lastReviewedAt: now });
      // T/QGCML 3125 §8.3.5: the filing and its audit event commit together.
      await request.em.transactional((em) =>
        persistAudited(request, em, merchant, {
          action: 'merchant.create',
          entity: 'merchant',
          entityId: merchant.id,
          details: { qualificationTypes: qualifications.map((q) => q.type) },
        }),
      );
      return reply.code(201).send(merchantView(merchant, true, now));
    },
  );

  app.get(
    '/merchants/:id',
    readOneRouteOptions({
      tags: ['catalog'],
      summary: "A merchant's disclosed qualifications (T/QGCML 3125 §4.5); staff and the merchant see more",
      description:
        'Public: name and qualifications (type, issuer, valid until, number partly masked). With a staff ' +
        "token or the merchant's own token also the contact email, status, filing and review dates.",
      params: z.object({ id: z.uuid() }),
      view: merchantViewSchema,
      access: 'public',
      documentsMalformedId: true,
    }),
    async (request) => {
      const { id } = request.params;
      const merchant = await request.em.findOne(Merchant, { id });
      if (!merchant) throw new NotFoundError('merchant', id);
      return merchantView(merchant, seesFilingRecord(request.principal, id), new Date());
    },
  );
};

export default merchantRoutes;
