import { randomUUID } from 'node:crypto';
import { BigIntType, EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import { AuditEventRepository } from '../repositories/audit-event.repository';
import { AuditFacts, auditFactProperties } from './audit-facts';

export type { AuditOutcome } from './audit-facts';

/**
 * One link of the append-only, hash-chained audit trail (T/QGCML 3125 §8.3.5: who
 * accessed what and every important operation can be traced; §8.3 non-repudiation).
 *
 * It does not extend BaseEntity on purpose: an event is never updated (a database
 * trigger refuses it), so it has no `updatedAt`, and `occurredAt` is its creation time.
 * `seq` orders the chain: gapless (1, 2, 3…) because appends are serialised and each
 * takes the last seq + 1, so a missing number means a deleted row.
 */
export class AuditEvent extends AuditFacts {
  declare [EntityRepositoryType]?: AuditEventRepository;

  id: string = randomUUID();

  constructor(
    public seq: number,
    facts: AuditFacts,
    /** The previous event's `hash`; the first event's is `GENESIS_HASH`. */
    public prevHash: string,
    /** SHA-256 of this event's canonical form including `prevHash` (db/audit-hash.ts). */
    public hash: string,
  ) {
    super(facts);
  }
}

export const AuditEventSchema = new EntitySchema<AuditEvent>({
  class: AuditEvent,
  tableName: 'audit_event',
  repository: () => AuditEventRepository,
  properties: {
    id: { type: 'uuid', primary: true },
    seq: { type: new BigIntType('number'), unique: true },
    ...auditFactProperties,
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
