import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { startComplaintProcess } from '../../activities/complaints/complaint-process-start';
import { Complaint } from '../../db/entities/complaint.entity';
import { ComplaintMessage } from '../../db/entities/complaint-message.entity';
import { ForbiddenError } from '../../domain/errors';
import { scopeFor } from '../auth/ownership';
import { principalOf } from '../plugins/auth';
import { flushAudited } from '../shared/audit';
import { optionalIdempotencyHeadersSchema } from '../shared/idempotency-key';
import { problemSchema } from '../shared/problem';
import { toComplaintView } from './complaint-view';
import { fileComplaint } from './file-complaint';
import { loadVisibleComplaint, returnsOfComplaints, threadOf } from './load-complaint';
import { complaintIdParamsSchema, complaintViewSchema, fileComplaintBodySchema, messageBodySchema } from './schemas';
import { readOneRouteOptions } from '../shared/read-one-route';

/** Complaints: filing, reading the thread, adding to it (T/QGCML 3125 §4.7, §4.8, §5.7). */
const complaintRoutes: FastifyPluginAsyncZod<{ approvalThreshold: number }> = async (app, { approvalThreshold }) => {
  const readers = { roles: ['consumer', 'merchant', 'courier', 'staff'] } as const;

  app.post(
    '/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Complain about one of my orders: answers with the responsible party and both deadlines',
        description:
          'Send an Idempotency-Key to make a retry safe: the same key and body answer 201 with the ' +
          'complaint the first call filed, and file nothing; the same key with another body is a 409.',
        headers: optionalIdempotencyHeadersSchema,
        body: fileComplaintBodySchema,
        response: { 201: complaintViewSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema },
      },
      config: { access: { roles: ['consumer'] } },
    },
    async (request, reply) => {
      const { record: complaint } = await fileComplaint(
        request,
        principalOf(request),
        request.body,
        request.headers['idempotency-key'],
      );
      // Committed first, then started: a complaint whose start is lost (the API killed here,
      // Temporal unreachable) keeps its deadlines from filing and is started by the
      // unstarted-process sweep within a minute (§4.7, §4.8), never taken back. A retry with
      // the key starts it again, which finds the one process (its id is the complaint's).
      await startComplaintProcess(app.temporal, complaint, approvalThreshold);
      const returns = await returnsOfComplaints(request, [complaint]);
      return reply.code(201).send(toComplaintView(complaint, await threadOf(request, complaint), returns));
    },
  );

  app.get(
    '/complaints/:id',
    readOneRouteOptions({
      tags: ['complaints'],
      summary: 'A complaint: status, responsible party, deadlines, remedy and the whole thread',
      params: complaintIdParamsSchema,
      view: complaintViewSchema,
      access: readers,
    }),
    async (request) => {
      const complaint = await loadVisibleComplaint(request, request.params.id);
      return toComplaintView(
        complaint,
        await threadOf(request, complaint),
        await returnsOfComplaints(request, [complaint]),
      );
    },
  );

  app.get(
    '/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Complaints I may see (staff: all, optionally by status), newest first',
        querystring: z.object({
          status: z.string().max(32).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(complaintViewSchema), total: z.number().int() }) },
      },
      config: { access: readers },
    },
    async (request) => {
      const principal = principalOf(request);
      const scope = scopeFor(principal);
      const partyFilter =
        principal.role === 'merchant'
          ? { party: 'merchant' }
          : principal.role === 'courier'
            ? { party: 'carrier' }
            : {};
      const [items, total] = await request.em.findAndCount(
        Complaint,
        { ...scope, ...partyFilter, ...(request.query.status ? { status: request.query.status } : {}) } as never,
        { orderBy: { createdAt: 'desc', id: 'asc' }, limit: request.query.limit, offset: request.query.offset },
      );
      const returns = await returnsOfComplaints(request, items);
      return { items: items.map((complaint) => toComplaintView(complaint, [], returns)), total };
    },
  );

  app.post(
    '/complaints/:id/messages',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Add to the thread (consumer, party, staff; staff record contacting the party with contactedParty)',
        params: complaintIdParamsSchema,
        body: messageBodySchema,
        response: { 201: complaintViewSchema, 403: problemSchema, 404: problemSchema },
      },
      config: { access: readers },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const complaint = await loadVisibleComplaint(request, request.params.id);
      if (request.body.contactedParty && principal.role !== 'staff')
        throw new ForbiddenError('only staff record contacting the party');
      const kind = request.body.contactedParty ? 'staff_contact' : 'message';
      request.em.persist(
        new ComplaintMessage({
          complaintId: complaint.id,
          kind,
          authorRole: principal.role,
          authorId: principal.sub,
          body: request.body.message,
        }),
      );
      await flushAudited(request, request.em, {
        action: `complaint.${kind}`,
        entity: 'complaint',
        entityId: complaint.id,
      });
      const returns = await returnsOfComplaints(request, [complaint]);
      return reply.code(201).send(toComplaintView(complaint, await threadOf(request, complaint), returns));
    },
  );
};

export default complaintRoutes;
