import { BigIntType, Entity, PrimaryKey } from '@mikro-orm/core';
import { AuditFacts } from './audit-facts';

/**
 * An audit event committed with its business change but not linked into the hash chain
 * yet (db/audit-chainer.ts links it within a moment, in `position` order). Hot paths
 * (placing an order) write here instead of taking the chain's lock inside their own
 * transaction, which made every order in the shop wait for every other (issue 10).
 */
@Entity({ tableName: 'audit_pending' })
export class AuditPending extends AuditFacts {
  /** Assigned by the database (bigserial): the order events are linked in. */
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true }) position?: number;
}
