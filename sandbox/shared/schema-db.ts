import { knex, type Knex } from '@mikro-orm/postgresql';

/**
 * Plain SQL through knex (the query builder MikroORM already ships): a sandbox provider is
 * a separate system with its own schema, no entities and no migrations of the platform's.
 */
export function createSandboxDb(databaseUrl: string): Knex {
  return knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } });
}

export interface SandboxSchema {
  name: string;
  /** Creates the schema and its tables where missing; safe to run from every process. */
  ensure(db: Knex): Promise<void>;
}

/**
 * A provider's schema `name` with its tables (CREATE … IF NOT EXISTS statements, run in
 * order after the schema itself), created when missing. An advisory lock keyed by the
 * schema's name keeps parallel test files and processes from racing on IF NOT EXISTS.
 */
export function sandboxSchema(name: string, tables: readonly string[]): SandboxSchema {
  const ddl = [`CREATE SCHEMA IF NOT EXISTS ${name}`, ...tables];
  return {
    name,
    async ensure(db) {
      await db.transaction(async (trx) => {
        await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [name]);
        for (const statement of ddl) await trx.raw(statement);
      });
    },
  };
}
