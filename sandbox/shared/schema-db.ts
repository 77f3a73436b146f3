import { knex, type Knex } from '@mikro-orm/postgresql';

/**
 * Plain SQL through knex (the query builder MikroORM already ships): a sandbox provider is
 * a separate system with its own schema, no entities and no migrations of the platform's.
 */
export function createSandboxDb(databaseUrl: string): Knex {
  return knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } });
}

/**
 * Creates a provider's schema if missing. The advisory lock (any number, the same in every
 * process of that provider) keeps parallel test files from racing on CREATE … IF NOT EXISTS.
 */
export async function ensureSandboxSchema(db: Knex, lockId: number, ddl: readonly string[]): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [lockId]);
    for (const statement of ddl) await trx.raw(statement);
  });
}
