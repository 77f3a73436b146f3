import { BigIntType, EntitySchema } from '@mikro-orm/core';

/**
 * An audit event committed with its business change but not linked into the hash chain
 * yet (db/audit-chainer.ts links it within a moment, in `position` order). Hot paths
 * (placing an order) write here instead of taking the chain's lock inside their own
 * transaction, which made every order in the shop wait for every other (issue 10).
 */
export class AuditPending {
  /** Assigned by the database (bigserial): the order events are linked in. */
  position?: number;

  constructor(
    public occurredAt: Date,
    public actorSub: string,
    public actorRole: string,
    public action: string,
    public entity: string,
    public entityId: string,
    public outcome: string,
    public ip: string | null,
    public requestId: string | null,
    public details: Record<string, unknown> | null,
  ) {}
}

export const AuditPendingSchema = new EntitySchema<AuditPending>({
  class: AuditPending,
  tableName: 'audit_pending',
  properties: {
    position: { type: new BigIntType('number'), primary: true, autoincrement: true },
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
  },
});
