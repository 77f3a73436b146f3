import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124220534 } from './Migration20261124220534_stack_probe';

/**
 * Every migration, in order. Listed explicitly (not discovered on disk) so the same
 * list works from sources, from a build and inside a bundle. `npm run db:migration:create`
 * writes a new file and adds it here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261124220534_stack_probe', class: Migration20261124220534 },
];
