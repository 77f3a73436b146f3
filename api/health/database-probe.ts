import { knex, type Knex } from '@mikro-orm/postgresql';

/**
 * Readiness asks PostgreSQL on a connection of its own, outside the request pool: a burst
 * of orders queues on the pool by design (DATABASE_POOL_MAX), and a probe waiting in that
 * queue would report a healthy database as down, so a balancer would pull the instance
 * exactly when it is busiest, and keep it out after the burst (issue 10, defect 1).
 */
export class DatabaseProbe {
  private readonly db: Knex;

  constructor(databaseUrl: string, timeoutMs: number) {
    this.db = knex({
      client: 'pg',
      connection: { connectionString: databaseUrl, statement_timeout: timeoutMs, application_name: 'storeops-readyz' },
      pool: { min: 0, max: 1, idleTimeoutMillis: 30_000 },
      acquireConnectionTimeout: timeoutMs,
    });
  }

  async isUp(): Promise<boolean> {
    try {
      await this.db.raw('select 1');
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
