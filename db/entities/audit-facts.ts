import type { EntitySchemaProperty } from '@mikro-orm/core';

export type AuditOutcome = 'success' | 'denied' | 'failure';

/**
 * What an audit event says (T/QGCML 3125 §8.3.5: who, what, when, from where, with what
 * outcome), the same whether it waits in the queue (AuditPending) or is linked into the
 * hash chain (AuditEvent): one list of fields and columns serves both, so a queued event
 * can never lose a fact on its way into the chain.
 */
export class AuditFacts {
  occurredAt: Date;
  actorSub: string;
  /** A `Role`, or `system` (a workflow, a script) or `anonymous` (no valid token). */
  actorRole: string;
  /** Dotted verb, e.g. `service_commitments.update`, `account.read_contact`. */
  action: string;
  entity: string;
  entityId: string;
  outcome: AuditOutcome;
  ip: string | null;
  requestId: string | null;
  /** Extra facts, never personal data in clear text. */
  details: Record<string, unknown> | null;

  /** Copies the facts by name (never a queue position or a chain link). */
  constructor(facts: AuditFacts) {
    this.occurredAt = facts.occurredAt;
    this.actorSub = facts.actorSub;
    this.actorRole = facts.actorRole;
    this.action = facts.action;
    this.entity = facts.entity;
    this.entityId = facts.entityId;
    this.outcome = facts.outcome;
    this.ip = facts.ip;
    this.requestId = facts.requestId;
    this.details = facts.details;
  }
}

/** The columns of AuditFacts, in both tables alike. */
export const auditFactProperties = {
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
} satisfies { [K in keyof AuditFacts]: EntitySchemaProperty<AuditFacts[K], AuditFacts> };
