import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { BackupRun } from '../db/entities/backup-run.entity';
import { BACKUP_REPOS } from '../workflows/ops/backup.definitions';
import { startBackupOfAllRepos } from '../temporal/backup-starts';

/**
 * The first start on an empty repository takes a full backup of each repository at once,
 * so a recovery drill can run right away instead of failing with "no verified backup"
 * until the weekly full backup (T/QGCML 3125 §8.2.3, §8.4). Idempotent: the run is named
 * `initial`, and nothing starts once every repository holds a verified backup.
 */
export async function ensureInitialBackup(client: Client, orm: MikroORM): Promise<string | undefined> {
  const runs = orm.em.fork().getRepository(BackupRun);
  const empty = [];
  for (const repo of BACKUP_REPOS) if (!(await runs.findNewestVerified(repo))) empty.push(repo);
  if (empty.length === 0) return undefined;
  return startBackupOfAllRepos(client, 'full', 'initial', 'initial backup at start-up');
}
