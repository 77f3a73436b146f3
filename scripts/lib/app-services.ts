import type { Config } from '../../config/env';
import { setUpBackups } from './backup-setup';
import { migrateAppDatabase, startSandboxes } from '../../platform/launch-steps';
import { say, type ProcessGroup } from '../../platform/process-group';

/**
 * What both launchers (scripts/start.ts, scripts/start-cluster.ts) do once PostgreSQL and
 * Temporal are up, before any worker or API runs: migrate the app database, start the two
 * sandboxes in the launcher's process, and set up backups (the stanza only on the project's
 * own cluster). It lives here, not in platform/, because backups are the ops activities'.
 */
export async function prepareAppServices(
  config: Config,
  apiUrl: string,
  group: ProcessGroup,
  options: { localCluster: boolean },
): Promise<void> {
  await migrateAppDatabase(config.DATABASE_URL);
  await startSandboxes(config, apiUrl, group);
  say(await setUpBackups(config, options));
}
