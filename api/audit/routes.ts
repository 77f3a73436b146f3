import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkPendingAuditEvents } from '../../db/audit-chainer';
import { auditedFields } from '../../db/audit-hash';
import { verifyAuditChain } from '../../db/audit-verify';
import { AuditEvent } from '../../db/entities/audit-event.entity';
import { InvalidInputError } from '../../domain/errors';
import { auditFromRequest } from '../shared/audit';
import { problemSchema } from '../shared/problem';

const text = z.string().min(1).max(255);
const instant = z.iso.datetime({ offset: true });

const listQuerySchema = z.object({
  entity: text.optional(),
  entityId: text.optional(),
  actor: text.optional().describe('the actor’s sub'),
  action: text.optional(),
  from: instant.optional().describe('inclusive'),
  to: instant.optional().describe('exclusive'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'must be the nextCursor of a previous page')
    .optional(),
});

const auditEventSchema = z
  .object({
    seq: z.number().int(),
    id: z.uuid(),
    occurredAt: z.iso.datetime(),
    actor: z.object({ sub: z.string(), role: z.string() }),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    // Plain strings, not enums: a row changed behind the API's back must still be listable.
    outcome: z.string().describe('success, denied or failure'),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

const pageSchema = z.object({
  items: z.array(auditEventSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

const verificationSchema = z
  .object({
    intact: z.boolean(),
    eventsChecked: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: z.string() }).optional(),
    firstBrokenSeq: z.number().int().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'AuditChainVerification' });

/** The hashed fields, the actor as one object, and the hash itself. */
function toItem(event: AuditEvent): z.infer<typeof auditEventSchema> {
  const { actorSub, actorRole, ...fields } = auditedFields(event);
  return { ...fields, actor: { sub: actorSub, role: actorRole }, hash: event.hash };
}

/**
 * The audit trail for auditors (T/QGCML 3125 §8.3.5): who did what, when and from where,
 * and the proof that nobody changed it since. Auditors' own reads are audited too.
 */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const access = { roles: ['auditor'] } as const;

  app.get(
    '/audit',
    {
      config: { access },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first, filtered and paged',
        querystring: listQuerySchema,
        response: { 200: pageSchema, 400: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const { limit, cursor, actor, from, to, ...exact } = request.query;
      const fromDate = from === undefined ? undefined : new Date(from);
      const toDate = to === undefined ? undefined : new Date(to);
      if (fromDate && toDate && fromDate >= toDate) throw new InvalidInputError('to', 'must be later than from');
      // Events queued by hot paths join the chain first: an auditor sees every committed one.
      await linkPendingAuditEvents(app.orm, { wait: true });
      // One extra row tells whether an older page exists.
      const rows = await request.em
        .getRepository(AuditEvent)
        .search(
          { ...exact, actorSub: actor, from: fromDate, to: toDate, beforeSeq: cursor ? Number(cursor) : undefined },
          limit + 1,
        );
      const items = rows.slice(0, limit);
      const nextCursor = rows.length > limit ? String(items[items.length - 1]?.seq) : null;
      await auditFromRequest(request, {
        action: 'audit.list',
        entity: 'audit_trail',
        entityId: '*',
        details: {
          filters: Object.keys(request.query)
            .filter((key) => key !== 'limit' && key !== 'cursor')
            .sort(),
          returned: items.length,
        },
      });
      return { items: items.map(toItem), nextCursor };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { access },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain and name the first broken link',
        response: { 200: verificationSchema },
      },
    },
    async (request) => {
      await linkPendingAuditEvents(app.orm, { wait: true });
      const result = await verifyAuditChain(request.em);
      if (!result.intact) request.log.warn({ firstBrokenSeq: result.firstBrokenSeq }, 'audit chain broken');
      await auditFromRequest(request, {
        action: 'audit.verify',
        entity: 'audit_trail',
        entityId: '*',
        details: { intact: result.intact, eventsChecked: result.eventsChecked, firstBrokenSeq: result.firstBrokenSeq },
      });
      return result;
    },
  );
};

export default auditRoutes;
