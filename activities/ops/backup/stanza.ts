import { setArchiveCommand } from '../../../platform/postgres-cluster';
import { archivePushCommand, pgbackrest, writeConfig } from './pgbackrest';
import type { BackupTarget } from '../../../platform/backup-target';

/**
 * Makes the target ready for backups, idempotently (T/QGCML 3125 §8.4): the generated
 * pgbackrest.conf, the stanza in both repositories (stanza-create accepts an existing,
 * matching stanza), WAL archiving switched from the placeholder to `archive-push` (reload
 * only), then `check`, which proves a WAL segment reaches the repositories.
 */
export async function ensureStanza(target: BackupTarget, onTick?: () => void): Promise<void> {
  writeConfig(target);
  await pgbackrest(target, 'stanza-create', [], { onTick });
  setArchiveCommand(target.cluster, archivePushCommand(target));
  await pgbackrest(target, 'check', [], { onTick });
}
