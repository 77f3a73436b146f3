import { randomUUID } from 'node:crypto';
import { BigIntType, EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import { AuditEventRepository } from '../repositories/audit-event.repository';

export type AuditOutcome = 'success' | 'denied' | 'failure';

/**
 * One link of the append-only, hash-chained audit trail (T/QGCML 3125 §8.3.5: who
 * accessed what and every important operation can be traced; §8.3 non-repudiation).
 *
 * It does not extend BaseEntity on purpose: an event is never updated (a database
 * trigger refuses it), so it has no `updatedAt`, and `occurredAt` is its creation time.
 * `seq` orders the chain: gapless (1, 2, 3…) because appends are serialised and each
 * takes the last seq + 1, so a missing number means a deleted row.
 */
export class AuditEvent {
  declare [EntityRepositoryType]?: AuditEventRepository;

  id: string = randomUUID();

  constructor(
    public seq: number,
    public occurredAt: Date,
    public actorSub: string,
    /** A `Role`, or `system` (a workflow, a script) or `anonymous` (no valid token). */
    public actorRole: string,
    /** Dotted verb, e.g. `service_commitments.update`, `account.read_contact`. */
    public action: string,
    public entity: string,
    public entityId: string,
    public outcome: AuditOutcome,
    public ip: string | null,
    public requestId: string | null,
    /** Extra facts, never personal data in clear text. */
    public details: Record<string, unknown> | null,
    /** The previous event's `hash`; the first event's is `GENESIS_HASH`. */
    public prevHash: string,
    /** SHA-256 of this event's canonical form including `prevHash` (db/audit-hash.ts). */
    public hash: string,
  ) {}
}

export const AuditEventSchema = new EntitySchema<AuditEvent>({
  class: AuditEvent,
  tableName: 'audit_event',
  repository: () => AuditEventRepository,
  properties: {
    id: { type: 'uuid', primary: true },
    seq: { type: new BigIntType('number'), unique: true },
    // Millisecond precision: exactly what a JS Date holds, so the value hashed at append
    // time is the value read back at verification.
    occurredAt: { type: 'datetime', length: 3 },
    actorSub: { type: 'string' },
    actorRole: { type: 'string', length: 32 },
    action: { type: 'string' },
    entity: { type: 'string' },
    entityId: { type: 'string' },
    outcome: { type: 'string', length: 16 },
    ip: { type: 'string', length: 64, nullable: true },
    requestId: { type: 'string', length: 128, nullable: true },
    details: { type: 'json', nullable: true },
    // Unique: two events can never claim the same predecessor, so the chain cannot fork
    // even if the application lock were bypassed.
    prevHash: { type: 'string', length: 64, unique: true },
    hash: { type: 'string', length: 64 },
  },
  indexes: [
    { properties: ['entity', 'entityId', 'seq'] },
    { properties: ['actorSub', 'seq'] },
    { properties: ['action', 'seq'] },
    { properties: ['occurredAt'] },
  ],
});
