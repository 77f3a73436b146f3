// The ops worker backs up whatever its backup target names: by default the user's own
// var/postgres cluster and var/backup repositories. The chaos run's ops worker gets a
// target of its own (STOREOPS_BACKUP_TARGET), so its initial full backup runs against the
// chaos cluster into repositories beside it, never the user's.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_TARGET_ENV, storeopsBackupTarget } from '../../platform/backup-target';
import { postgresWritableRoot, type LocalCluster } from '../../platform/postgres-cluster';
import type { Toolchain } from '../../platform/toolchain';

/** Writes the target file and returns the environment that points the workers at it. */
export function chaosBackupEnv(options: {
  toolchain: Toolchain;
  cluster: LocalCluster;
  databaseUrl: string;
  topology: string;
  dir: string;
}): NodeJS.ProcessEnv {
  const target = storeopsBackupTarget({
    pgbackrest: options.toolchain.pgbackrest,
    cluster: options.cluster,
    databaseUrl: options.databaseUrl,
    workDir: postgresWritableRoot('chaos', options.topology, 'backup'),
  });
  mkdirSync(options.dir, { recursive: true });
  const file = path.join(options.dir, 'backup-target.json');
  writeFileSync(file, JSON.stringify(target, null, 2));
  return { [BACKUP_TARGET_ENV]: file };
}
