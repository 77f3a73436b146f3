// The ops worker backs up whatever its backup target names: by default the user's own
// var/postgres cluster and var/backup repositories. The chaos run's ops worker gets a
// target of its own (STOREOPS_BACKUP_TARGET), so its initial full backup runs against the
// chaos cluster into repositories beside it, never the user's.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_TARGET_ENV, type BackupTarget } from '../../activities/ops/backup/target';
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
  const workDir = postgresWritableRoot('chaos', options.topology, 'backup');
  const target: BackupTarget = {
    stanza: 'storeops',
    pgbackrest: options.toolchain.pgbackrest,
    cluster: options.cluster,
    database: 'storeops',
    databaseUrl: options.databaseUrl,
    workDir,
    repos: {
      1: { path: path.join(workDir, 'local'), retention: { full: 2, diff: 7 } },
      2: { path: path.join(workDir, 'offsite'), retention: { full: 4, diff: 7 } },
    },
    compressType: 'lz4',
  };
  mkdirSync(options.dir, { recursive: true });
  const file = path.join(options.dir, 'backup-target.json');
  writeFileSync(file, JSON.stringify(target, null, 2));
  return { [BACKUP_TARGET_ENV]: file };
}
