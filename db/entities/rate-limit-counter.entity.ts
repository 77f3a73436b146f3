import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { RateLimitCounterRepository } from '../repositories/rate-limit-counter.repository';

/**
 * One rate-limit window of one key (a client address or principal, per route), shared by
 * every API instance (api/plugins/rate-limit-store.ts). Not a BaseEntity: the key is the
 * identity, the row is rewritten on every request, and nothing about it is history.
 * The table is UNLOGGED: counters need no crash safety and no WAL (T/QGCML 3125 §8.3
 * asks for the limit, not for its survival across a database crash).
 */
@Entity({ tableName: 'rate_limit_counter', repository: () => RateLimitCounterRepository })
export class RateLimitCounter {
  declare [EntityRepositoryType]?: RateLimitCounterRepository;

  @PrimaryKey({ type: 'text' }) key!: string;

  @Property({ type: 'integer' }) hits!: number;

  /** When the current window ends and the count starts again at 1. */
  @Property({ type: 'datetime', index: true }) expiresAt!: Date;

  /** Takes named fields: the columns without a default. */
  constructor(fields: Pick<RateLimitCounter, 'key' | 'hits' | 'expiresAt'>) {
    Object.assign(this, fields);
  }
}
