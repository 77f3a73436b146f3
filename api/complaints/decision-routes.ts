import type { WorkflowHandle } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { startComplaintProcess } from '../../activities/complaints/complaint-process-start';
import type { Complaint } from '../../db/entities/complaint.entity';
import { ComplaintMessage } from '../../db/entities/complaint-message.entity';
import { mayRespond } from '../../domain/complaints';
import { NotFoundError } from '../../domain/errors';
import type { Principal, Role } from '../../domain/principal';
import {
  complaintUpdates,
  complaintWorkflowId,
  type ComplaintOutcome,
} from '../../workflows/complaints/complaint-escalation.definitions';
import type { complaintEscalationWorkflow } from '../../workflows/complaints/complaint-escalation';
import { principalOf } from '../plugins/auth';
import { auditFromRequest } from '../shared/audit';
import { problemSchema } from '../shared/problem';
import { stepRouteOptions } from '../shared/step-routes';
import { sendDecision } from './complaint-process';
import { loadVisibleComplaint } from './load-complaint';
import {
  advanceCompensationBodySchema,
  complaintIdParamsSchema,
  complaintOutcomeSchema,
  proposalDecisionBodySchema,
  reopenBodySchema,
  resolveBodySchema,
  respondBodySchema,
} from './schemas';

type Handle = WorkflowHandle<typeof complaintEscalationWorkflow>;

interface Decision<Body> {
  path: string;
  summary: string;
  roles: readonly Role[];
  body?: z.ZodType<Body>;
  /** Whether this caller may take this decision on this complaint (beyond reading it). */
  allowed?: (principal: Principal, complaint: Complaint) => boolean;
  /** A message the decision adds to the thread first (removed again if the process refuses). */
  message?: (body: Body) => string;
  send(handle: Handle, by: string, body: Body, messageId: string, principal: Principal): Promise<ComplaintOutcome>;
}

const ownConsumer = (principal: Principal, complaint: Complaint) => principal.sub === complaint.consumerId;

const decisions = [
  {
    path: 'responses',
    summary: 'Answer a complaint, optionally proposing a remedy (its merchant or courier, or staff)',
    roles: ['merchant', 'courier', 'staff'],
    body: respondBodySchema,
    allowed: mayRespond,
    message: (body) => body.message,
    send: (handle, by, body, messageId, principal) =>
      handle.executeUpdate(complaintUpdates.respond, {
        args: [
          {
            by,
            role: principal.role as 'merchant' | 'courier' | 'staff',
            messageId,
            ...(body.proposal ? { proposal: body.proposal } : {}),
          },
        ],
      }),
  } satisfies Decision<z.infer<typeof respondBodySchema>>,
  {
    path: 'proposal-decision',
    summary: 'Accept or decline the proposed remedy (the consumer)',
    roles: ['consumer'],
    body: proposalDecisionBodySchema,
    allowed: ownConsumer,
    send: (handle, by, body) =>
      handle.executeUpdate(complaintUpdates.decideOnProposal, { args: [{ by, accept: body.accept }] }),
  } satisfies Decision<z.infer<typeof proposalDecisionBodySchema>>,
  {
    path: 'advance-compensation',
    summary:
      'Pay the consumer first, then claim from the party (§4.8); above the threshold a second staff member approves',
    roles: ['staff'],
    body: advanceCompensationBodySchema,
    send: (handle, by, body) =>
      handle.executeUpdate(complaintUpdates.requestAdvanceCompensation, { args: [{ by, ...body }] }),
  } satisfies Decision<z.infer<typeof advanceCompensationBodySchema>>,
  {
    path: 'advance-compensation/approval',
    summary: 'Approve an advance compensation above the threshold (a second, different staff member)',
    roles: ['staff'],
    send: (handle, by) => handle.executeUpdate(complaintUpdates.approveAdvanceCompensation, { args: [{ by }] }),
  } satisfies Decision<undefined>,
  {
    path: 'resolve',
    summary: 'Close the complaint with the remedy given (staff)',
    roles: ['staff'],
    body: resolveBodySchema,
    send: (handle, by, body) => handle.executeUpdate(complaintUpdates.resolve, { args: [{ by, ...body }] }),
  } satisfies Decision<z.infer<typeof resolveBodySchema>>,
  {
    path: 'reopen',
    summary: 'Reopen a resolved complaint within the follow-up window (the consumer, §5.7)',
    roles: ['consumer'],
    body: reopenBodySchema,
    allowed: ownConsumer,
    message: (body) => body.reason,
    send: (handle, by, _body, messageId) =>
      handle.executeUpdate(complaintUpdates.reopen, { args: [{ by, messageId }] }),
  } satisfies Decision<z.infer<typeof reopenBodySchema>>,
  {
    path: 'confirmation',
    summary: 'Confirm the resolution, closing the follow-up window (the consumer)',
    roles: ['consumer'],
    allowed: ownConsumer,
    send: (handle, by) => handle.executeUpdate(complaintUpdates.confirmResolution, { args: [{ by }] }),
  } satisfies Decision<undefined>,
] as Decision<unknown>[];

const complaintResource = {
  tags: ['complaints'],
  params: complaintIdParamsSchema,
  response: { 200: complaintOutcomeSchema, 404: problemSchema, 409: problemSchema },
};

/**
 * Decisions on a complaint (T/QGCML 3125 §4.8, §5.7), each an update of its process with a
 * validator: the answer is the real outcome, a decision that does not apply is a 409 with
 * the complaint's state, someone else's complaint a 404.
 */
const complaintDecisionRoutes: FastifyPluginAsyncZod<{ approvalThreshold: number }> = async (
  app,
  { approvalThreshold },
) => {
  for (const decision of decisions) {
    app.post(`/complaints/:id/${decision.path}`, stepRouteOptions(complaintResource, decision), async (request) => {
      const principal = principalOf(request);
      const complaint = await loadVisibleComplaint(request, request.params.id);
      if (decision.allowed && !decision.allowed(principal, complaint))
        throw new NotFoundError('complaint', complaint.id);
      let message: ComplaintMessage | undefined;
      if (decision.message) {
        const kind = decision.path === 'responses' ? 'response' : 'message';
        message = new ComplaintMessage({
          complaintId: complaint.id,
          kind,
          authorRole: principal.role,
          authorId: principal.sub,
          body: decision.message(request.body),
        });
        await request.em.persist(message).flush();
      }
      const handle: Handle = app.temporal.workflow.getHandle(complaintWorkflowId(complaint.id));
      const outcome = await sendDecision(
        handle,
        () => `complaint ${complaint.id} is ${complaint.status}`,
        async (h) => {
          // A process that never ran (its start lost between the filing's commit and the
          // call; the unstarted-process sweep would start it within a minute) is started here
          // as the sweep would, rather than answering 409 to a decision that applies.
          if (!complaint.processStartedAt) await startComplaintProcess(app.temporal, complaint, approvalThreshold);
          return decision.send(h, principal.sub, request.body, message?.id ?? '', principal);
        },
      ).catch(async (error: unknown) => {
        // Never a half-written record: the refused decision's message leaves the thread.
        if (message) await request.em.remove(message).flush();
        throw error;
      });
      await auditFromRequest(request, {
        action: `complaint.${decision.path.replace('/', '.')}`,
        entity: 'complaint',
        entityId: complaint.id,
        details: {
          status: outcome.status,
          ...(outcome.compensation ? { compensation: outcome.compensation.status } : {}),
        },
      });
      return {
        id: complaint.id,
        status: outcome.status,
        ...(outcome.compensation
          ? { compensation: { amount: outcome.compensation.amount, status: outcome.compensation.status } }
          : {}),
      };
    });
  }
};

export default complaintDecisionRoutes;
