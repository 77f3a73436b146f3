import { defineConfig, ReflectMetadataProvider, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { SeedManager } from '@mikro-orm/seeder';
import { entities } from './entities';
import { migrationsList } from './migrations';

/** The one ORM configuration, shared by the API, the workers, the CLI scripts and tests. */
export function ormConfig(databaseUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    // Entities are decorated classes whose every property names its type, so no reflection
    // is needed: tsx (esbuild) and @swc/jest emit no decorator metadata (docs/architecture.md "Database").
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator, SeedManager],
    migrations: {
      migrationsList,
      path: 'db/migrations',
      pathTs: 'db/migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      // Callers print what was applied (npm run db:migrate, the launcher); tests stay quiet.
      silent: true,
    },
    seeder: { path: 'db/seeders', pathTs: 'db/seeders' },
    forceUtcTimezone: true,
    // A fresh EntityManager per request or activity (fork), never the global one.
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    // The sandbox payment gateway's ledger shares the database but is not ours to diff or drop.
    schemaGenerator: { ignoreSchema: ['payment_sandbox', 'logistics_sandbox'] },
    ...overrides,
  });
}
