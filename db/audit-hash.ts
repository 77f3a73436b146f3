import { createHash } from 'node:crypto';
import type { AuditEvent } from './entities/audit-event.entity';

/** The `prevHash` of the first event: a fixed value, so the chain has a known start. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers: all of them but the hash itself. */
export type HashedAuditFields = Omit<AuditEvent, 'hash'>;

/**
 * JSON with object keys sorted at every depth. jsonb does not keep key order, so hashing
 * plain `JSON.stringify` output would not survive a round trip through Postgres.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

/**
 * What `details` becomes once stored as jsonb and read back (undefined dropped, dates as
 * ISO strings, non-finite numbers as null), so the hash is taken over what Postgres keeps.
 */
export function normaliseDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (details === undefined) return null;
  return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
}

/**
 * An event's recorded fields as JSON values: what its hash covers, and what the audit
 * API shows an auditor beside the hash (api/audit/routes.ts), so the hash can be
 * recomputed from what was shown.
 */
export function auditedFields(event: HashedAuditFields) {
  return {
    seq: event.seq,
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actorSub: event.actorSub,
    actorRole: event.actorRole,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    outcome: event.outcome,
    ip: event.ip,
    requestId: event.requestId,
    details: event.details,
    prevHash: event.prevHash,
  };
}

/**
 * SHA-256 (hex) over the canonical form of the event and its predecessor's hash
 * (T/QGCML 3125 §8.3.4 integrity against a changed field): changing any field, or the
 * link, changes the hash. `v` names the format so it can evolve without ambiguity.
 */
export function auditEventHash(event: HashedAuditFields): string {
  const canonical = canonicalJson({ v: 1, ...auditedFields(event) });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
