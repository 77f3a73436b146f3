/**
 * Generates a migration from the difference between the entities and the database
 * (run `npm run db:migrate` first), names it, and registers it in db/migrations/index.ts.
 *   npm run db:migration:create -- <short-name>
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/env';
import { repoRoot } from '../config/paths';
import { createOrm } from '../db/orm';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9-]+$/.test(name))
    throw new Error('usage: npm run db:migration:create -- <short-name, a-z 0-9 ->');
  const orm = await createOrm(loadConfig().DATABASE_URL);
  try {
    const result = await orm.getMigrator().createMigration(path.join(repoRoot, 'db/migrations'));
    if (!result.fileName) {
      console.log('no changes: the database already matches the entities');
      return;
    }
    const dir = path.join(repoRoot, 'db/migrations');
    const className = path.basename(result.fileName, '.ts');
    const fileName = `${className}_${name.replace(/-/g, '_')}`;
    renameSync(path.join(dir, result.fileName), path.join(dir, `${fileName}.ts`));
    const indexFile = path.join(dir, 'index.ts');
    const index = readFileSync(indexFile, 'utf8')
      .replace(/^(import type .*\n)/m, `$1import { ${className} } from './${fileName}';\n`)
      .replace(
        /(migrationsList: MigrationObject\[\] = \[)([\s\S]*?)(\];)/,
        (_m, open: string, body: string, close: string) =>
          `${open}${body.trimEnd() ? `${body.trimEnd()}\n` : '\n'}  { name: '${fileName}', class: ${className} },\n${close}`,
      );
    writeFileSync(indexFile, index);
    console.log(`created db/migrations/${fileName}.ts; review it, then run npm run db:migrate`);
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
