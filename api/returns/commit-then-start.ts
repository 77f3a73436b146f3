import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import { startReturnProcess } from '../../activities/returns/return-process-start';
import type { ReturnRequest } from '../../db/entities/return-request.entity';
import { auditFromRequest, type RequestAuditEvent } from '../shared/audit';

/**
 * A new return — asked for by the consumer, or a goodwill refund staff grant — committed
 * with the event that audits it (T/QGCML 3125 §8.3.5), then its process started. Committed
 * first, then started (as orders are): a process never waits for a request that was never
 * committed; one whose start is lost (the API killed here) is started by the
 * unstarted-process sweep within a minute (§6.4).
 */
export async function commitReturnThenStart(
  temporal: Client,
  request: FastifyRequest,
  make: (em: EntityManager) => Promise<ReturnRequest>,
  /** The audit event's action and details; its subject is the new return. */
  auditOf: (made: ReturnRequest) => Pick<RequestAuditEvent, 'action' | 'details'>,
): Promise<ReturnRequest> {
  const committed = await commitNewReturn(request, make, auditOf);
  await startReturnProcess(temporal, committed);
  return committed;
}

/** The commit alone: the new return and its audit event in one transaction. */
export function commitNewReturn(
  request: FastifyRequest,
  make: (em: EntityManager) => Promise<ReturnRequest>,
  auditOf: (made: ReturnRequest) => Pick<RequestAuditEvent, 'action' | 'details'>,
): Promise<ReturnRequest> {
  return request.em.transactional(async (em) => {
    const made = await make(em);
    await auditFromRequest(request, { ...auditOf(made), entity: 'return_request', entityId: made.id }, em);
    return made;
  });
}
