import { Entity, Property } from '@mikro-orm/core';
import { assignOwnColumns } from './base.entity';

export type AuditOutcome = 'success' | 'denied' | 'failure';

const auditFactColumns = [
  'occurredAt',
  'actorSub',
  'actorRole',
  'action',
  'entity',
  'entityId',
  'outcome',
  'ip',
  'requestId',
  'details',
] as const;

/** What an audit event says, whether queued or chained: the facts, none with a default. */
export type AuditFactsFields = Pick<AuditFacts, (typeof auditFactColumns)[number]>;

/**
 * Only the facts of `source` (which may be a queued AuditPending with its position), so
 * that neither the constructor nor a caller's spread carries anything else into an event.
 */
export function pickAuditFacts(source: AuditFactsFields): AuditFactsFields {
  return Object.fromEntries(auditFactColumns.map((column) => [column, source[column]])) as AuditFactsFields;
}

/**
 * What an audit event says (T/QGCML 3125 §8.3.5: who, what, when, from where, with what
 * outcome), the same whether it waits in the queue (AuditPending) or is linked into the
 * hash chain (AuditEvent): one list of fields and columns serves both, so a queued event
 * can never lose a fact on its way into the chain. An abstract entity: its columns are in
 * both tables alike.
 */
@Entity({ abstract: true })
export class AuditFacts {
  // Millisecond precision: exactly what a JS Date holds, so the value hashed at append
  // time is the value read back at verification.
  @Property({ type: 'datetime', length: 3 }) occurredAt!: Date;

  @Property({ type: 'string' }) actorSub!: string;

  /** A `Role`, or `system` (a workflow, a script) or `anonymous` (no valid token). */
  @Property({ type: 'string', length: 32 }) actorRole!: string;

  /** Dotted verb, e.g. `service_commitments.update`, `account.read_contact`. */
  @Property({ type: 'string' }) action!: string;

  @Property({ type: 'string' }) entity!: string;

  @Property({ type: 'string' }) entityId!: string;

  @Property({ type: 'string', length: 16 }) outcome!: AuditOutcome;

  @Property({ type: 'string', length: 64, nullable: true }) ip!: string | null;

  @Property({ type: 'string', length: 128, nullable: true }) requestId!: string | null;

  /** Extra facts, never personal data in clear text. */
  @Property({ type: 'json', nullable: true }) details!: Record<string, unknown> | null;

  /** Copies the facts by name (never a queue position or a chain link). */
  constructor(facts: AuditFactsFields) {
    assignOwnColumns(this, facts, auditFactColumns);
  }
}
