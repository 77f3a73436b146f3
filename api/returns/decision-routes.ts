import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { ConflictError, InvalidInputError } from '../../domain/errors';
import type { Role } from '../../domain/principal';
import { assertInspectionConsistent } from '../../domain/returns';
import { returnUpdates } from '../../workflows/returns/return-refund.definitions';
import { principalOf } from '../plugins/auth';
import { auditFromRequest } from '../shared/audit';
import { problemSchema } from '../shared/problem';
import { stepRouteOptions } from '../shared/step-routes';
import { loadVisibleReturn } from './load-return';
import { messageReturn } from './return-process';
import {
  approveReturnBodySchema,
  inspectionBodySchema,
  rejectReturnBodySchema,
  returnIdParamsSchema,
  returnOutcomeSchema,
  type InspectionBody,
} from './schemas';

/** §6.4: each line of the return inspected once, with counts that can be. Names the field at fault. */
function checkInspection(found: ReturnRequest, body: InspectionBody): void {
  if (!found.merchantSignature || !found.carrierSignature)
    throw new ConflictError(
      `return ${found.id} is ${found.status}; goods are inspected once both signed the return slip`,
    );
  const lines = found.lines.getItems();
  const seen = new Set<string>();
  body.lines.forEach((line, i) => {
    if (!lines.some((l) => l.productId === line.productId) || seen.has(line.productId))
      throw new InvalidInputError(`lines.${i}.productId`, 'is not a line of this return, or is given twice');
    seen.add(line.productId);
  });
  const missing = lines.findIndex((line) => !seen.has(line.productId));
  if (missing >= 0) throw new InvalidInputError('lines', `line for product ${lines[missing]!.productId} is missing`);
  assertInspectionConsistent(
    body.lines.map((line) => ({
      ...line,
      requested: lines.find((l) => l.productId === line.productId)!.quantity,
    })),
  );
}

const steps = [
  {
    action: 'approve',
    summary:
      'Approve a return request (its merchant, or staff in its place with the reason as `note`), with where the goods go back to',
    roles: ['merchant', 'staff'],
    body: approveReturnBodySchema,
    send: (found: ReturnRequest, by: string, body: z.infer<typeof approveReturnBodySchema>) => (handle) =>
      handle.executeUpdate(returnUpdates.approve, { args: [{ by, ...body }] }),
  },
  {
    action: 'reject',
    summary: 'Reject a return request, with the reason the consumer will read (its merchant, or staff in its place)',
    roles: ['merchant', 'staff'],
    body: rejectReturnBodySchema,
    send: (found: ReturnRequest, by: string, body: z.infer<typeof rejectReturnBodySchema>) => (handle) =>
      handle.executeUpdate(returnUpdates.reject, { args: [{ by, reason: body.reason }] }),
  },
  {
    action: 'inspection',
    summary: 'Record the inspection of the returned goods, line by line (its merchant)',
    roles: ['merchant'],
    body: inspectionBodySchema,
    send: (found: ReturnRequest, by: string, body: InspectionBody) => {
      checkInspection(found, body);
      return (handle) => handle.executeUpdate(returnUpdates.inspect, { args: [{ by, lines: body.lines }] });
    },
  },
] as const satisfies ReadonlyArray<{
  action: string;
  summary: string;
  roles: readonly Role[];
  body: z.ZodType;
  send: (found: ReturnRequest, by: string, body: never) => Parameters<typeof messageReturn>[2];
}>;

const returnResource = {
  tags: ['returns'],
  params: returnIdParamsSchema,
  response: { 200: returnOutcomeSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema },
};

/**
 * The merchant's steps of a return (T/QGCML 3125 §6.4): approve or reject before approveBy,
 * inspect what came back. Staff may approve or reject in the merchant's place (§4.8), with
 * the reason in the audit trail. Each answer is the process's real outcome; a step the return is
 * already past is a 409 naming its status; someone else's return a 404.
 */
const returnDecisionRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const step of steps) {
    app.post(`/returns/:id/${step.action}`, stepRouteOptions(returnResource, step), async (request) => {
      const principal = principalOf(request);
      const found = await loadVisibleReturn(request, request.params.id);
      // §4.8: staff may decide in the merchant's place, never without a recorded reason.
      const onBehalf = principal.role === 'staff';
      const body = request.body as { note?: string; reason?: string };
      if (onBehalf && !body.note && !body.reason)
        throw new InvalidInputError('note', "staff deciding in the merchant's place must give the reason");
      const send = (step.send as (f: ReturnRequest, by: string, body: unknown) => Parameters<typeof messageReturn>[2])(
        found,
        principal.sub,
        request.body,
      );
      const outcome = await messageReturn(app.temporal, found, send);
      await auditFromRequest(request, {
        action: `return.${step.action}`,
        entity: 'return_request',
        entityId: found.id,
        details: {
          status: outcome.status,
          ...(onBehalf ? { onBehalfOfMerchant: found.merchantId, reason: body.note ?? body.reason } : {}),
        },
      });
      return { id: found.id, ...outcome };
    });
  }
};

export default returnDecisionRoutes;
