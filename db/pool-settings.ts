import type { Options } from '@mikro-orm/postgresql';
import type { Config } from '../config/env';

/** Who holds the pool: its sessions get timeouts suited to what that process does. */
export type PoolRole = 'api' | 'worker';

export type PoolConfig = Pick<
  Config,
  | 'DATABASE_POOL_MAX'
  | 'DATABASE_POOL_ACQUIRE_TIMEOUT_MS'
  | 'DATABASE_API_STATEMENT_TIMEOUT_MS'
  | 'DATABASE_API_IDLE_IN_TRANSACTION_TIMEOUT_MS'
  | 'DATABASE_WORKER_STATEMENT_TIMEOUT_MS'
  | 'DATABASE_WORKER_IDLE_IN_TRANSACTION_TIMEOUT_MS'
>;

/**
 * The pool size and the PostgreSQL session limits of one process (issue 10, defect 1).
 * `statement_timeout` ends a query stuck behind a lock; `idle_in_transaction_session_timeout`
 * ends a session whose transaction is open while its client does something else, so it
 * can never hold row locks (a hot product's stock) for minutes again. Both are set at
 * connection start-up (node-postgres passes them as startup parameters), so every pooled
 * session has them without an extra round trip.
 */
export function poolOptions(config: PoolConfig, role: PoolRole): Partial<Options> {
  const limits =
    role === 'api'
      ? {
          statement_timeout: config.DATABASE_API_STATEMENT_TIMEOUT_MS,
          idle_in_transaction_session_timeout: config.DATABASE_API_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        }
      : {
          statement_timeout: config.DATABASE_WORKER_STATEMENT_TIMEOUT_MS,
          idle_in_transaction_session_timeout: config.DATABASE_WORKER_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        };
  return {
    pool: { min: 0, max: config.DATABASE_POOL_MAX, acquireTimeoutMillis: config.DATABASE_POOL_ACQUIRE_TIMEOUT_MS },
    driverOptions: {
      connection: { ...limits, application_name: `storeops-${role}` },
      acquireConnectionTimeout: config.DATABASE_POOL_ACQUIRE_TIMEOUT_MS,
    },
  };
}
