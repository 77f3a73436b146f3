import type { WorkflowHandle } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod as ZodPlugin } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecoveryClaim } from '../../db/entities/recovery-claim.entity';
import { RecoveryLedgerEntry } from '../../db/entities/recovery-ledger-entry.entity';
import { ForbiddenError, NotFoundError } from '../../domain/errors';
import type { Role } from '../../domain/principal';
import {
  recoveryClaimUpdates,
  recoveryClaimWorkflowId,
  type RecoveryClaimState,
} from '../../workflows/complaints/recovery-claim.definitions';
import type { recoveryClaimWorkflow } from '../../workflows/complaints/recovery-claim';
import { scopeFor } from '../auth/ownership';
import { principalOf } from '../plugins/auth';
import { auditFromRequest } from '../shared/audit';
import { problemSchema } from '../shared/problem';
import { stepRouteOptions } from '../shared/step-routes';
import { sendDecision } from './complaint-process';
import {
  claimIdParamsSchema,
  disputeBodySchema,
  disputeDecisionBodySchema,
  recoveryClaimViewSchema,
  recoveryPaymentBodySchema,
  writeOffBodySchema,
} from './schemas';

type Handle = WorkflowHandle<typeof recoveryClaimWorkflow>;

async function visibleClaim(request: FastifyRequest, id: string): Promise<RecoveryClaim> {
  const scope = scopeFor(principalOf(request));
  const claim = await request.em.findOne(RecoveryClaim, { id, ...(scope as object) });
  if (!claim) throw new NotFoundError('recovery claim', id);
  return claim;
}

async function viewOf(request: FastifyRequest, claim: RecoveryClaim) {
  const ledger = await request.em.find(RecoveryLedgerEntry, { claimId: claim.id }, { orderBy: { createdAt: 'asc' } });
  return {
    id: claim.id,
    complaintId: claim.complaintId,
    party: { kind: claim.party, id: claim.partyId() },
    status: claim.status,
    currency: claim.currency,
    claimed: claim.amount,
    recovered: claim.recovered,
    writtenOff: claim.writtenOff,
    outstanding: claim.outstanding(),
    reason: claim.reason,
    dueAt: claim.dueAt.toISOString(),
    createdAt: claim.createdAt.toISOString(),
    ledger: ledger.map((entry) => ({
      kind: entry.kind,
      amount: entry.amount,
      method: entry.method,
      note: entry.note,
      at: entry.createdAt.toISOString(),
    })),
  };
}

interface Movement<Body> {
  path: string;
  summary: string;
  roles: readonly Role[];
  body: z.ZodType<Body>;
  send(handle: Handle, by: string, body: Body, role: Role): Promise<RecoveryClaimState>;
}

const movements = [
  {
    path: 'payments',
    summary: 'Record a payment by the party, or (staff) a deduction from its settlement',
    roles: ['merchant', 'courier', 'staff'],
    body: recoveryPaymentBodySchema,
    send: (handle, by, body, role) => {
      if (body.method === 'settlement_deduction' && role !== 'staff')
        throw new ForbiddenError('only staff record a deduction from the settlement');
      return handle.executeUpdate(recoveryClaimUpdates.recordPayment, { args: [{ by, ...body }] });
    },
  } satisfies Movement<z.infer<typeof recoveryPaymentBodySchema>>,
  {
    path: 'disputes',
    summary: 'Dispute the claim with evidence (the party)',
    roles: ['merchant', 'courier'],
    body: disputeBodySchema,
    send: (handle, by, body) => handle.executeUpdate(recoveryClaimUpdates.dispute, { args: [{ by, ...body }] }),
  } satisfies Movement<z.infer<typeof disputeBodySchema>>,
  {
    path: 'dispute-decision',
    summary: 'Decide a dispute: the claim is upheld, or withdrawn (the rest written off) (staff)',
    roles: ['staff'],
    body: disputeDecisionBodySchema,
    send: (handle, by, body) => handle.executeUpdate(recoveryClaimUpdates.decideDispute, { args: [{ by, ...body }] }),
  } satisfies Movement<z.infer<typeof disputeDecisionBodySchema>>,
  {
    path: 'write-off',
    summary: 'Write off what is outstanding, with the reason (staff)',
    roles: ['staff'],
    body: writeOffBodySchema,
    send: (handle, by, body) => handle.executeUpdate(recoveryClaimUpdates.writeOff, { args: [{ by, ...body }] }),
  } satisfies Movement<z.infer<typeof writeOffBodySchema>>,
] as Movement<unknown>[];

const claimResource = {
  tags: ['recovery claims'],
  params: claimIdParamsSchema,
  response: { 200: recoveryClaimViewSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema },
};

/** Recovery claims against the party at fault (T/QGCML 3125 §4.8): reads and movements. */
const recoveryRoutes: ZodPlugin = async (app) => {
  app.get(
    '/recovery-claims',
    {
      schema: {
        tags: ['recovery claims'],
        summary: 'Claims against the party at fault with their ledger (staff: all; a merchant or carrier: its own)',
        querystring: z.object({ status: z.string().max(16).optional() }),
        response: { 200: z.object({ items: z.array(recoveryClaimViewSchema) }) },
      },
      config: { access: { roles: ['staff', 'auditor', 'merchant', 'courier'] } },
    },
    async (request) => {
      const scope = scopeFor(principalOf(request));
      const claims = await request.em.find(
        RecoveryClaim,
        { ...(scope as object), ...(request.query.status ? { status: request.query.status } : {}) } as never,
        { orderBy: { createdAt: 'desc' }, limit: 500 },
      );
      return { items: await Promise.all(claims.map((claim) => viewOf(request, claim))) };
    },
  );

  for (const movement of movements) {
    app.post(`/recovery-claims/:id/${movement.path}`, stepRouteOptions(claimResource, movement), async (request) => {
      const principal = principalOf(request);
      const claim = await visibleClaim(request, request.params.id);
      const handle: Handle = app.temporal.workflow.getHandle(recoveryClaimWorkflowId(claim.complaintId));
      await sendDecision(
        handle,
        () => `recovery claim ${claim.id} is ${claim.status}`,
        (h) => movement.send(h, principal.sub, request.body, principal.role),
      );
      await auditFromRequest(request, {
        action: `recovery_claim.${movement.path}`,
        entity: 'recovery_claim',
        entityId: claim.id,
      });
      await request.em.refresh(claim);
      return viewOf(request, claim);
    });
  }
};

export default recoveryRoutes;
