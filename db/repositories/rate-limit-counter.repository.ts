import { EntityRepository } from '@mikro-orm/postgresql';
import type { RateLimitCounter } from '../entities/rate-limit-counter.entity';

export interface RateLimitHit {
  /** Requests counted in the key's current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

export class RateLimitCounterRepository extends EntityRepository<RateLimitCounter> {
  /**
   * Counts one request against `key` in one statement (its own short transaction): a new
   * or expired window starts at 1 for `windowMs`; a live one counts up, and with
   * `continueExceeding` a request over `max` starts the window again (@fastify/rate-limit's
   * option). The row lock of the UPSERT serialises concurrent hits from all instances.
   */
  async hit(key: string, windowMs: number, max: number, continueExceeding: boolean): Promise<RateLimitHit> {
    const [row] = await this.getEntityManager()
      .getConnection()
      .execute<Array<{ hits: number; ttl_ms: string }>>(
        `INSERT INTO rate_limit_counter AS c (key, hits, expires_at)
         VALUES (?, 1, clock_timestamp() + ? * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN c.expires_at <= clock_timestamp() THEN 1 ELSE c.hits + 1 END,
           expires_at = CASE
             WHEN c.expires_at <= clock_timestamp() THEN EXCLUDED.expires_at
             WHEN ? AND c.hits + 1 > ? THEN EXCLUDED.expires_at
             ELSE c.expires_at END
         RETURNING hits, ceil(extract(epoch FROM (expires_at - clock_timestamp())) * 1000)::bigint AS ttl_ms`,
        [key, windowMs, continueExceeding, max],
      );
    if (!row) throw new Error('rate-limit upsert returned no row');
    return { current: row.hits, ttl: Math.max(0, Number(row.ttl_ms)) };
  }

  /** Drops windows that ended before `before`; returns how many. */
  async pruneExpired(before: Date): Promise<number> {
    return this.nativeDelete({ expiresAt: { $lt: before } });
  }
}
