import { LockMode } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { HandoverSigningKeys } from '../../domain/handover-signing';
import { returnSignals, returnWorkflowId } from '../../workflows/returns/return-refund.definitions';
import { principalOf } from '../plugins/auth';
import { flushAudited } from '../shared/audit';
import { signalIfRunning } from '../shared/process-messages';
import {
  signatureFieldOf,
  signingPartyOn,
  signSlipAs,
  slipPartyOf,
  slipSignatureViewSchema,
} from '../shared/slip-signing';
import { problemSchema } from '../shared/problem';
import { returnSlipContent, returnSlipSignatures } from './return-slip';
import { returnIdParamsSchema, signReturnSlipBodySchema } from './schemas';
import { readOneRouteOptions } from '../shared/read-one-route';

const slipViewSchema = z
  .object({
    returnId: z.uuid(),
    content: z.record(z.string(), z.unknown()),
    signatures: z.array(slipSignatureViewSchema),
    publicKeys: z.record(z.string(), z.object({ keyId: z.string(), pem: z.string() })),
  })
  .meta({ id: 'ReturnSlip' });

/** The return handover slip (T/QGCML 3125 §6.4, §6.2.2): both parties sign, each copy verifies. */
const returnSlipRoutes: FastifyPluginAsyncZod<{ signingKeys: HandoverSigningKeys }> = async (app, { signingKeys }) => {
  const view = (request: ReturnRequest) => ({
    returnId: request.id,
    content: returnSlipContent(request),
    signatures: returnSlipSignatures(signingKeys, request),
    publicKeys: {
      merchant: { keyId: signingKeys.merchant.keyId, pem: signingKeys.merchant.publicKeyPem },
      carrier: { keyId: signingKeys.carrier.keyId, pem: signingKeys.carrier.publicKeyPem },
    },
  });

  app.post(
    '/returns/:id/slip/sign',
    {
      schema: {
        tags: ['returns'],
        summary: 'Sign the return slip at the merchant’s door: the courier hands over, the merchant receives',
        params: returnIdParamsSchema,
        body: signReturnSlipBodySchema,
        response: { 200: slipViewSchema, 404: problemSchema, 409: problemSchema },
      },
      config: { access: { roles: ['merchant', 'courier'] } },
    },
    async (request) => {
      const principal = principalOf(request);
      const nudge = (returnId: string) =>
        signalIfRunning(
          app.temporal,
          request.log,
          returnWorkflowId(returnId),
          returnSignals.slipChanged,
          [{ returnId }],
          { returnId },
          'no return process running for this slip',
        );
      let signedBefore: string | undefined;
      const signing = request.em.transactional(async (em) => {
        const { slip: found, party } = signingPartyOn(
          principal,
          await em.findOne(
            ReturnRequest,
            { id: request.params.id },
            { populate: ['lines'], lockMode: LockMode.PESSIMISTIC_WRITE },
          ),
          { entity: 'return', id: request.params.id },
        );
        if (!found.shipmentId || !['approved', 'in_transit'].includes(found.status))
          throw new ConflictError(`return ${found.id} is ${found.status}; there is no return shipment to sign for`);
        const field = signatureFieldOf(party);
        if (found[field]) {
          signedBefore = found.id;
          throw new ConflictError(`the ${party} has already signed this return slip`);
        }
        const stored = signSlipAs(signingKeys, party, principal, request.body.custodianName, returnSlipContent(found));
        found[field] = stored;
        await flushAudited(request, em, {
          action: 'return.slip.sign',
          entity: 'return_request',
          entityId: found.id,
          details: { party },
        });
        return found;
      });
      const signed = await signing.catch(async (error: unknown) => {
        // A retried signature that went through: its signal may have been lost after the
        // commit (Temporal down), so signal again before answering 409.
        if (signedBefore) await nudge(signedBefore);
        throw error;
      });
      await nudge(signed.id);
      return view(signed);
    },
  );

  app.get(
    '/returns/:id/slip',
    readOneRouteOptions({
      tags: ['returns'],
      summary: 'The return slip, its signatures and whether each verifies (a party’s copy)',
      params: returnIdParamsSchema,
      view: slipViewSchema,
      access: { roles: ['merchant', 'courier', 'staff'] },
    }),
    async (request) => {
      const found = await request.em.findOne(ReturnRequest, { id: request.params.id }, { populate: ['lines'] });
      if (!found || !slipPartyOf(principalOf(request), found) || !found.shipmentId)
        throw new NotFoundError('return slip', request.params.id);
      return view(found);
    },
  );
};

export default returnSlipRoutes;
