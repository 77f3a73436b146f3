/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the local cluster). */
import { loadConfig } from '../config/env';
import { createOrm, migrateUp } from '../db/orm';

async function main(): Promise<void> {
  const orm = await createOrm(loadConfig().DATABASE_URL);
  try {
    const applied = await migrateUp(orm);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
