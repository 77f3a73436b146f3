import { EntityRepository, type FilterQuery } from '@mikro-orm/postgresql';
import type { AuditEvent } from '../entities/audit-event.entity';

/**
 * Key of the transaction-scoped advisory lock that serialises appends to the chain
 * (any fixed bigint no other code uses; these digits are the standard's number and clause).
 */
export const AUDIT_CHAIN_LOCK_KEY = 3125_0835;

export interface AuditEventFilter {
  entity?: string;
  entityId?: string;
  actorSub?: string;
  action?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Keyset paging: only events older than this seq. */
  beforeSeq?: number;
}

/**
 * Named queries of the audit trail. Reads bypass the identity map: events are immutable
 * and a verification walks far more rows than a unit of work should hold.
 */
export class AuditEventRepository extends EntityRepository<AuditEvent> {
  /**
   * Waits until no other transaction is appending, and holds the lock until this
   * transaction ends, so reading the head and inserting after it cannot interleave.
   */
  async lockChain(): Promise<void> {
    await this.em.execute('select pg_advisory_xact_lock(?)', [AUDIT_CHAIN_LOCK_KEY]);
  }

  /** The newest event, or null for an empty trail. */
  async findHead(): Promise<AuditEvent | null> {
    const [head] = await this.find({}, { orderBy: { seq: 'desc' }, limit: 1, disableIdentityMap: true });
    return head ?? null;
  }

  /** A page of events matching the filter, newest first. */
  search(filter: AuditEventFilter, limit: number): Promise<AuditEvent[]> {
    const where: FilterQuery<AuditEvent> = {};
    if (filter.entity !== undefined) where.entity = filter.entity;
    if (filter.entityId !== undefined) where.entityId = filter.entityId;
    if (filter.actorSub !== undefined) where.actorSub = filter.actorSub;
    if (filter.action !== undefined) where.action = filter.action;
    if (filter.from !== undefined || filter.to !== undefined)
      where.occurredAt = {
        ...(filter.from !== undefined ? { $gte: filter.from } : {}),
        ...(filter.to !== undefined ? { $lt: filter.to } : {}),
      };
    if (filter.beforeSeq !== undefined) where.seq = { $lt: filter.beforeSeq };
    return this.find(where, { orderBy: { seq: 'desc' }, limit, disableIdentityMap: true });
  }

  /** The next `limit` events after `afterSeq`, in chain order (keyset paging). */
  findBatchAfter(afterSeq: number, limit: number): Promise<AuditEvent[]> {
    return this.find({ seq: { $gt: afterSeq } }, { orderBy: { seq: 'asc' }, limit, disableIdentityMap: true });
  }
}
