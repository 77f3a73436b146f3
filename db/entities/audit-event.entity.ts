import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, EntityRepositoryType, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { AuditEventRepository } from '../repositories/audit-event.repository';
import { AuditFacts, type AuditFactsFields } from './audit-facts';

export type { AuditOutcome } from './audit-facts';

/** What `new AuditEvent({...})` takes: the facts and the event's place in the chain. */
export type AuditEventFields = AuditFactsFields & Pick<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

/**
 * One link of the append-only, hash-chained audit trail (T/QGCML 3125 §8.3.5: who
 * accessed what and every important operation can be traced; §8.3 non-repudiation).
 *
 * It does not extend BaseEntity on purpose: an event is never updated (a database
 * trigger refuses it), so it has no `updatedAt`, and `occurredAt` is its creation time.
 * `seq` orders the chain: gapless (1, 2, 3…) because appends are serialised and each
 * takes the last seq + 1, so a missing number means a deleted row.
 */
@Entity({ tableName: 'audit_event', repository: () => AuditEventRepository })
@Index({ properties: ['entity', 'entityId', 'seq'] })
@Index({ properties: ['actorSub', 'seq'] })
@Index({ properties: ['action', 'seq'] })
@Index({ properties: ['occurredAt'] })
export class AuditEvent extends AuditFacts {
  declare [EntityRepositoryType]?: AuditEventRepository;

  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();

  @Property({ type: new BigIntType('number'), unique: true }) seq!: number;

  /** The previous event's `hash`; the first event's is `GENESIS_HASH`. */
  // Unique: two events can never claim the same predecessor, so the chain cannot fork
  // even if the application lock were bypassed.
  @Property({ type: 'string', length: 64, unique: true }) prevHash!: string;

  /** SHA-256 of this event's canonical form including `prevHash` (db/audit-hash.ts). */
  @Property({ type: 'string', length: 64 }) hash!: string;

  constructor({ seq, prevHash, hash, ...facts }: AuditEventFields) {
    super(facts);
    Object.assign(this, { seq, prevHash, hash });
  }
}
