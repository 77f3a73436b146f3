import type { Knex } from '@mikro-orm/postgresql';
import type { FaultInjector } from './faults';

/** What every route module of the gateway is given (as plugin options, not decorators). */
export interface GatewayContext {
  db: Knex;
  faults: FaultInjector;
  /** Attempts per Idempotency-Key of requests paying with `tok_fail_gateway`. */
  flakyAttempts: Map<string, number>;
}
