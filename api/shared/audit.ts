import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import { queueAuditEvent } from '../../db/audit-chainer';
import { appendAuditEvent, type AuditEventInput } from '../../db/audit-trail';

const MAX_REQUEST_ID_LENGTH = 128;

/** What a handler says about its operation; the request supplies who, from where and when. */
export type RequestAuditEvent = Pick<AuditEventInput, 'action' | 'entity' | 'entityId' | 'details'> & {
  /** Default `success`. */
  outcome?: AuditEventInput['outcome'];
  /** Only where no token names the caller yet but the handler knows who acts (a login). */
  actor?: AuditEventInput['actor'];
};

/** The caller the auth plugin verified (api/plugins/auth.ts), or anonymous on a public route. */
function actorOf(request: FastifyRequest): AuditEventInput['actor'] {
  const principal = request.principal;
  return principal ? { sub: principal.sub, role: principal.role } : { sub: 'anonymous', role: 'anonymous' };
}

/**
 * The one way a route handler audits (T/QGCML 3125 §8.3.5): actor from the verified
 * token, the client's ip and the request id, appended to the hash-chained trail.
 * Pass the transactional `em` when the audited change runs in `em.transactional(...)`,
 * so the change and its event commit together; the default, `request.em`, suits reads.
 */
export async function auditFromRequest(
  request: FastifyRequest,
  event: RequestAuditEvent,
  em: EntityManager = request.em,
): Promise<void> {
  await appendAuditEvent(em, auditEventOf(request, event));
}

/**
 * Writes the changes `em` holds and the event that audits them, in the caller's transaction
 * when `em` is one (T/QGCML 3125 §8.3.5): both commit or neither.
 */
export async function flushAudited(
  request: FastifyRequest,
  em: EntityManager,
  event: RequestAuditEvent,
): Promise<void> {
  await em.flush();
  await auditFromRequest(request, event, em);
}

/**
 * Stores a new record and the event that audits its creation in the caller's transaction
 * (T/QGCML 3125 §8.3.5): both commit or neither.
 */
export async function persistAudited<Created extends object>(
  request: FastifyRequest,
  em: EntityManager,
  created: Created,
  event: RequestAuditEvent,
): Promise<Created> {
  em.persist(created);
  await flushAudited(request, em, event);
  return created;
}

/**
 * As auditFromRequest, for hot paths inside a transaction (placing an order): the event
 * commits with the change but is linked into the hash chain just after, so concurrent
 * requests do not queue on the chain's lock (db/audit-chainer.ts).
 */
export async function queueAuditFromRequest(
  request: FastifyRequest,
  event: RequestAuditEvent,
  em: EntityManager,
): Promise<void> {
  await queueAuditEvent(em, auditEventOf(request, event));
}

function auditEventOf(request: FastifyRequest, event: RequestAuditEvent): AuditEventInput {
  return {
    actor: event.actor ?? actorOf(request),
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    outcome: event.outcome ?? 'success',
    ip: request.ip,
    // The id may come from the client's x-request-id header: bounded to the column, so an
    // overlong header can never make an audited operation fail.
    requestId: String(request.id).slice(0, MAX_REQUEST_ID_LENGTH),
    details: event.details,
  };
}
