import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RateLimitCounter } from '../../db/entities/rate-limit-counter.entity';

/** Where rate-limit counters live: this process (one API instance) or PostgreSQL (all instances). */
export type RateLimitStoreKind = 'memory' | 'postgres';

/** What @fastify/rate-limit hands a store: its merged options, with the route for route-level limits. */
interface StoreParams {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

/** Expired windows are deleted at most this often, by whichever request comes next. */
const PRUNE_EVERY_MS = 60_000;

/**
 * The `store` option for @fastify/rate-limit: undefined keeps its in-process LRU (one
 * API instance); 'postgres' shares counters between API instances, so N instances behind
 * the reverse proxy still allow the configured rate, not N times it (T/QGCML 3125 §8.3).
 */
export function rateLimitStoreFor(kind: RateLimitStoreKind, orm: MikroORM): FastifyRateLimitStoreCtor | undefined {
  return kind === 'postgres' ? postgresRateLimitStore(orm) : undefined;
}

/**
 * @fastify/rate-limit's custom store API (`incr`, `child`) on the rate_limit_counter
 * table: one UPSERT per request (RateLimitCounterRepository.hit). Route-level limits get
 * their own keys, prefixed with the route, as the plugin's Redis store does.
 */
export function postgresRateLimitStore(orm: MikroORM): FastifyRateLimitStoreCtor {
  let lastPrune = 0;
  const prune = () => {
    const now = Date.now();
    if (now - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now;
    // Housekeeping only: a failed prune is retried by a later request.
    void orm.em
      .fork()
      .getRepository(RateLimitCounter)
      .pruneExpired(new Date(now))
      .catch(() => undefined);
  };

  // Not `implements FastifyRateLimitStore`: its typings name route options where the plugin
  // passes its merged parameters (index.js mergeParams), which is what this class reads.
  class PostgresRateLimitStore {
    private readonly continueExceeding: boolean;

    constructor(
      params: StoreParams,
      private readonly prefix = '',
    ) {
      if (params.exponentialBackoff)
        throw new Error('the postgres rate-limit store does not implement exponentialBackoff');
      this.continueExceeding = params.continueExceeding ?? false;
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow?: number,
      max?: number,
    ): void {
      prune();
      orm.em
        .fork()
        .getRepository(RateLimitCounter)
        .hit(`${this.prefix}${key}`, timeWindow ?? 60_000, max ?? Number.MAX_SAFE_INTEGER, this.continueExceeding)
        .then(
          (hit) => callback(null, hit),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
    }

    child(routeOptions: StoreParams): PostgresRateLimitStore {
      const { method, url } = routeOptions.routeInfo ?? {};
      return new PostgresRateLimitStore(routeOptions, `${this.prefix}${String(method)}${url ?? ''}-`);
    }
  }
  return PostgresRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
