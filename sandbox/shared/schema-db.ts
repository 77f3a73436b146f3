import { knex, type Knex } from '@mikro-orm/postgresql';

/**
 * Plain SQL through knex (the query builder MikroORM already ships): a sandbox provider is
 * a separate system with its own schema, no entities and no migrations of the platform's.
 */
export function createSandboxDb(databaseUrl: string): Knex {
  return knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } });
}

/** A provider's own schema: its name, the lock its creators share, and its tables' DDL. */
export interface SandboxSchemaDeclaration {
  name: string;
  /** Any number; it only has to be the same in every process of that provider. */
  lockId: number;
  /** CREATE … IF NOT EXISTS statements, run in order after the schema itself is created. */
  tables: readonly string[];
}

export interface SandboxSchema {
  name: string;
  /** Creates the schema and its tables where missing; safe to run from every process. */
  ensure(db: Knex): Promise<void>;
}

/**
 * A provider's schema, created when missing. The advisory lock keeps parallel test files
 * from racing on CREATE … IF NOT EXISTS.
 */
export function sandboxSchema({ name, lockId, tables }: SandboxSchemaDeclaration): SandboxSchema {
  const ddl = [`CREATE SCHEMA IF NOT EXISTS ${name}`, ...tables];
  return {
    name,
    async ensure(db) {
      await db.transaction(async (trx) => {
        await trx.raw('SELECT pg_advisory_xact_lock(?)', [lockId]);
        for (const statement of ddl) await trx.raw(statement);
      });
    },
  };
}
