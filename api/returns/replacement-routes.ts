import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { Order } from '../../db/entities/order.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import type { FieldCipher } from '../../db/field-cipher';
import { ConflictError } from '../../domain/errors';
import type { HandoverSigningKeys } from '../../domain/handover-signing';
import { buildSlip, saveDraftedSlip } from '../delivery/draft-slip';
import { nudgeHandover } from '../delivery/handover-process';
import { draftSlipContract } from '../delivery/schemas';
import { toSlipView } from '../delivery/slip-view';
import { principalOf } from '../plugins/auth';
import { lockVisible } from '../shared/lock-visible';
import { returnIdParamsSchema } from './schemas';

export interface ReplacementRouteOptions {
  cipher: FieldCipher;
  signingKeys: HandoverSigningKeys;
  provider: string;
}

/**
 * The replacement of an exchange (T/QGCML 3125 §6.4): the merchant drafts a new handover
 * slip for the accepted goods, which merchant and courier then sign at
 * `POST /handovers/:id/sign` like any delivery's (§6.2.2).
 */
const replacementRoutes: FastifyPluginAsyncZod<ReplacementRouteOptions> = async (app, options) => {
  app.post(
    '/returns/:id/replacement-handover',
    {
      schema: {
        tags: ['returns'],
        summary: "Draft the handover slip of an exchange's replacement (the return's merchant)",
        params: returnIdParamsSchema,
        ...draftSlipContract,
      },
      config: { access: { roles: ['merchant'] } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const slip = await request.em.transactional(async (em) => {
        const found = await lockVisible(em, principal, ReturnRequest, {
          name: 'return',
          id: request.params.id,
          populate: ['lines'],
        });
        if (found.kind !== 'exchange' || found.replacementOutcome !== 'shipping')
          throw new ConflictError(`return ${found.id} has no replacement waiting to be handed over`);
        if ((await em.count(HandoverSlip, { orderId: found.orderId, returnId: found.id })) > 0)
          throw new ConflictError(`return ${found.id} already has a replacement slip`);
        const order = await em.findOneOrFail(Order, { id: found.orderId });
        const lines = found.lines
          .getItems()
          .filter((line) => (line.accepted ?? 0) > 0)
          .map((line) => ({
            productId: line.productId,
            name: line.name,
            unitPrice: line.unitPrice,
            quantity: line.accepted ?? 0,
          }));
        const drafted = await buildSlip(em, options.cipher, order, lines, request.body, options.provider, found.id);
        await saveDraftedSlip(request, em, drafted);
        return drafted;
      });
      await nudgeHandover(app.temporal, request.log, slip);
      return reply.code(201).send(toSlipView(slip, options.cipher, options.signingKeys, true));
    },
  );
};

export default replacementRoutes;
