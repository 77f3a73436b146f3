import { LockMode } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { Order } from '../../db/entities/order.entity';
import type { FieldCipher } from '../../db/field-cipher';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { HandoverSigningKeys } from '../../domain/handover-signing';
import { auditFromRequest, flushAudited } from '../shared/audit';
import { lockVisible } from '../shared/lock-visible';
import { signatureFieldOf, signingPartyOn, signSlipAs, slipPartyOf } from '../shared/slip-signing';
import { draftSlip, saveDraftedSlip } from './draft-slip';
import { nudgeHandover } from './handover-process';
import { recipientOf, slipContent, verifySignature } from './slip-evidence';
import { slipCopyHtml, toSlipView } from './slip-view';
import { principalOf } from '../plugins/auth';
import { draftSlipContract, handoverIdParamsSchema, signHandoverBodySchema, slipViewSchema } from './schemas';
import { orderIdParamsSchema } from '../order/schemas';
import { problemSchema } from '../shared/problem';
import { readOneRouteOptions } from '../shared/read-one-route';

export interface HandoverRouteOptions {
  cipher: FieldCipher;
  signingKeys: HandoverSigningKeys;
  /** Which logistics provider carries the platform's shipments (LOGISTICS_PROVIDER). */
  provider: string;
}

/** The handover slip (T/QGCML 3125 §6.2.1, §6.2.2, §8.3): drafted, signed by both, verified, copied. */
const handoverRoutes: FastifyPluginAsyncZod<HandoverRouteOptions> = async (app, { cipher, signingKeys, provider }) => {
  app.post(
    '/orders/:id/handover',
    {
      schema: {
        tags: ['handover'],
        summary: "Draft the handover slip of a confirmed order (the order's merchant)",
        params: orderIdParamsSchema,
        ...draftSlipContract,
      },
      config: { access: { roles: ['merchant'] } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const slip = await request.em.transactional(async (em) => {
        const order = await lockVisible(em, principal, Order, {
          name: 'order',
          id: request.params.id,
          populate: ['items'],
        });
        const drafted = await draftSlip(em, cipher, order, request.body, provider);
        await saveDraftedSlip(request, em, drafted);
        return drafted;
      });
      await nudgeHandover(app.temporal, request.log, slip);
      return reply.code(201).send(toSlipView(slip, cipher, signingKeys, true));
    },
  );

  app.post(
    '/handovers/:id/sign',
    {
      schema: {
        tags: ['handover'],
        summary: 'Sign the slip: the merchant, or a courier of its carrier, confirms goods and packaging',
        params: handoverIdParamsSchema,
        body: signHandoverBodySchema,
        response: { 200: slipViewSchema, 404: problemSchema, 409: problemSchema },
      },
      config: { access: { roles: ['merchant', 'courier'] } },
    },
    async (request) => {
      const principal = principalOf(request);
      let signedBefore: HandoverSlip | undefined;
      const signing = request.em.transactional(async (em) => {
        const { slip: found, party } = signingPartyOn(
          principal,
          await em.findOne(HandoverSlip, { id: request.params.id }, { lockMode: LockMode.PESSIMISTIC_WRITE }),
          { entity: 'handover slip', id: request.params.id },
        );
        const field = signatureFieldOf(party);
        if (found[field]) {
          signedBefore = found;
          throw new ConflictError(`the ${party} has already signed this slip`);
        }
        const recipient = recipientOf(found, cipher);
        const other = found[signatureFieldOf(party === 'merchant' ? 'carrier' : 'merchant')];
        // Never countersign a slip whose content changed since the other party signed it.
        if (!recipient || (other && !verifySignature(signingKeys, found, recipient, other)))
          throw new ConflictError('the slip changed since it was signed; it cannot be signed');
        const stored = signSlipAs(
          signingKeys,
          party,
          principal,
          request.body.custodianName,
          slipContent(found, recipient),
        );
        found[field] = stored;
        await flushAudited(request, em, {
          action: 'handover.sign',
          entity: 'handover_slip',
          entityId: found.id,
          details: { party, keyId: stored.keyId },
        });
        return found;
      });
      const slip = await signing.catch(async (error: unknown) => {
        // A retry of a signature that went through: its nudge may have been lost (Temporal
        // down after the commit), so nudge again before answering 409 — else the process
        // waits for a change it already missed.
        if (signedBefore) await nudgeHandover(app.temporal, request.log, signedBefore);
        throw error;
      });
      await nudgeHandover(app.temporal, request.log, slip);
      return toSlipView(slip, cipher, signingKeys, true);
    },
  );

  app.get(
    '/handovers/:id',
    readOneRouteOptions({
      tags: ['handover'],
      summary: 'The slip, both signatures and whether each verifies',
      params: handoverIdParamsSchema,
      view: slipViewSchema,
      access: { roles: ['merchant', 'courier', 'staff'] },
    }),
    async (request) => {
      const slip = await request.em.findOne(HandoverSlip, { id: request.params.id });
      const party = slip && slipPartyOf(principalOf(request), slip);
      if (!slip || !party) throw new NotFoundError('handover slip', request.params.id);
      return toSlipView(slip, cipher, signingKeys, party !== 'staff');
    },
  );

  app.get(
    '/handovers/:id/copy',
    {
      schema: {
        tags: ['handover'],
        summary: "A party's copy to keep: JSON, or printable HTML",
        params: handoverIdParamsSchema,
        querystring: z.object({ format: z.enum(['json', 'html']).default('json') }),
        response: {
          200: {
            description: 'The copy: JSON, or with format=html a printable page',
            content: { 'application/json': { schema: slipViewSchema }, 'text/html': { schema: z.string() } },
          },
          404: problemSchema,
        },
      },
      config: { access: { roles: ['merchant', 'courier'] } },
    },
    async (request, reply) => {
      const { slip, party } = signingPartyOn(
        principalOf(request),
        await request.em.findOne(HandoverSlip, { id: request.params.id }),
        { entity: 'handover slip', id: request.params.id },
      );
      const view = toSlipView(slip, cipher, signingKeys, true);
      await auditFromRequest(request, {
        action: 'handover.copy',
        entity: 'handover_slip',
        entityId: slip.id,
        details: { party },
      });
      const name = `handover-${slip.id}-${party}`;
      if (request.query.format === 'html')
        return reply
          .type('text/html; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.html"`)
          .send(slipCopyHtml(view, party));
      return reply.header('content-disposition', `attachment; filename="${name}.json"`).send(view);
    },
  );
};

export default handoverRoutes;
