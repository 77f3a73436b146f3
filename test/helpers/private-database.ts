import type { MikroORM } from '@mikro-orm/postgresql';
import { createOrm, migrateUp } from '../../db/orm';

export interface PrivateDatabase {
  url: string;
  /** An ORM on it, migrated. */
  orm: MikroORM;
  drop(): Promise<void>;
}

/**
 * A migrated database of one test file's own, beside the run's shared test database, for
 * tests that must own a whole table: the audit chain spans every test that audits, so a
 * test that breaks it on purpose, or counts its events, cannot share it with them.
 */
export async function createPrivateDatabase(label: string): Promise<PrivateDatabase> {
  const sharedUrl = process.env.DATABASE_URL;
  if (!sharedUrl) throw new Error('DATABASE_URL is not set: run under the integration global setup');
  const name = `storeops_test_${label}_${process.pid}_${Date.now()}`.replace(/[^a-z0-9_]/g, '_');
  const admin = await createOrm(sharedUrl);
  await admin.em.getConnection().execute(`CREATE DATABASE ${name}`);
  const url = new URL(sharedUrl);
  url.pathname = `/${name}`;
  const orm = await createOrm(url.toString());
  await migrateUp(orm);
  return {
    url: url.toString(),
    orm,
    async drop() {
      await orm.close();
      try {
        await dropWithRetry(admin, name);
      } finally {
        await admin.close();
      }
    },
  };
}

/**
 * FORCE may not terminate a session of another role: an autovacuum worker that has just
 * started on the new database is the superuser's, so the drop waits for it to end.
 */
async function dropWithRetry(admin: MikroORM, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.em.getConnection().execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt >= 10 || !String(error).includes('pg_signal_backend')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
