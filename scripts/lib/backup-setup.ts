import type { Config } from '../../config/env';
import { ensureBackupSchedulesAt } from '../../workers/ops-schedules';
import { ensureStanza } from '../../activities/ops/backup/stanza';
import { backupTargetFor } from '../../platform/backup-target';

/**
 * Start-up of backups, idempotent: the stanza and WAL archiving on the local cluster (when
 * the launcher runs it), then the Temporal Schedules. Returns a line for the launcher.
 */
export async function setUpBackups(config: Config, options: { localCluster: boolean }): Promise<string> {
  let stanza = '';
  if (options.localCluster) {
    // A stanza that cannot be made must not stop the platform: say why; each backup run retries it.
    stanza = await ensureStanza(backupTargetFor(config)).then(
      () => 'stanza ready, WAL archived to var/backup; ',
      (error: unknown) => `stanza NOT ready (${(error as Error).message}); `,
    );
  }
  const schedules = await ensureBackupSchedulesAt(config);
  return `backups: ${stanza}schedules ${schedules.join(', ')}`;
}
