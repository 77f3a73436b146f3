import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../domain/principal';
import { auditEventHash, GENESIS_HASH, normaliseDetails } from './audit-hash';
import { AuditEvent } from './entities/audit-event.entity';
import { pickAuditFacts, type AuditFacts } from './entities/audit-facts';

/**
 * One important operation, or one read of personal data (T/QGCML 3125 §8.3.5): who, what,
 * when, from where, with what outcome.
 */
export interface AuditEventInput {
  actor: { sub: string; role: Role | 'system' | 'anonymous' };
  /** Dotted verb, e.g. `service_commitments.update`, `account.read_contact`, `auth.login`. */
  action: string;
  entity: string;
  entityId: string;
  outcome: 'success' | 'denied' | 'failure';
  ip?: string;
  requestId?: string;
  /** Extra facts, never personal data in clear text. */
  details?: Record<string, unknown>;
}

/**
 * Appends an event to the hash-chained audit trail in the caller's unit of work, so the
 * change and its event commit together or not at all. Call it inside
 * `em.transactional(...)` with the same `em`; outside a transaction it opens its own.
 *
 * Appends are serialised by a transaction-scoped advisory lock held until the caller
 * commits, so two transactions can never both take the same head and fork the chain
 * (T/QGCML 3125 §8.3 non-repudiation). Append as late in the transaction as possible to
 * keep that critical section short. Assumes READ COMMITTED (the default): the head is
 * read after the lock is granted; under a stricter isolation level a stale head would
 * collide on the unique seq/prevHash and the transaction would fail, never fork.
 */
export async function appendAuditEvent(em: EntityManager, event: AuditEventInput): Promise<void> {
  if (!em.isInTransaction()) {
    await em.transactional((tx) => appendAuditEvent(tx, event));
    return;
  }
  const events = em.getRepository(AuditEvent);
  await events.lockChain();
  const head = await events.findHead();

  const row = chainedAuditEvent(head, auditFactsOf(event));
  // A native insert, now: the next append in this same transaction must see this head,
  // and the caller's pending changes are left for the caller to flush.
  await em.insert(AuditEvent, row);
}

/** The facts an input records, stamped now; details normalised as they will be hashed. */
export function auditFactsOf(event: AuditEventInput): AuditFacts {
  return {
    occurredAt: new Date(),
    actorSub: event.actor.sub,
    actorRole: event.actor.role,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    outcome: event.outcome,
    ip: event.ip ?? null,
    requestId: event.requestId ?? null,
    details: normaliseDetails(event.details),
  };
}

/**
 * The next link of the chain after `head` (none: the first, after GENESIS_HASH), hashed
 * (T/QGCML 3125 §8.3.4). Appends and the queue linker build links only here.
 */
export function chainedAuditEvent(head: { seq: number; hash: string } | null, facts: AuditFacts): AuditEvent {
  const row = new AuditEvent({
    ...pickAuditFacts(facts),
    seq: head ? head.seq + 1 : 1,
    prevHash: head ? head.hash : GENESIS_HASH,
    hash: '',
  });
  row.hash = auditEventHash(row);
  return row;
}
