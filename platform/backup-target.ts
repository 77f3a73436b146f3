import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/env';
import { localCluster, postgresWritableRoot, type LocalCluster } from './postgres-cluster';
import { ensureToolchain } from './toolchain';

export type RepoNumber = 1 | 2;

/** How many backups each repository keeps (pgBackRest expires older ones after a backup). */
export interface RepoRetention {
  full: number;
  diff: number;
}

/**
 * What the backup and drill activities work on: one PostgreSQL cluster, its pgBackRest
 * stanza and two repositories (T/QGCML 3125 §8.4: a local copy and an off-site one).
 * Everything pgBackRest writes (config, logs, locks, standbys of drills) stays under
 * `workDir`, so a throw-away cluster in tests never touches the developer's.
 */
export interface BackupTarget {
  stanza: string;
  pgbackrest: string;
  cluster: LocalCluster;
  /** The application database whose business data drills fingerprint. */
  database: string;
  /** The application's own URL: drills reuse its credentials against the standby. */
  databaseUrl: string;
  workDir: string;
  repos: Record<RepoNumber, { path: string; retention: RepoRetention }>;
  compressType: 'gz' | 'lz4' | 'zst' | 'none';
}

/** Env var naming a JSON file with another target (tests, the benchmark). */
export const BACKUP_TARGET_ENV = 'STOREOPS_BACKUP_TARGET';

export function configFileOf(target: BackupTarget): string {
  return path.join(target.workDir, 'pgbackrest.conf');
}

/** Short (the id's first 8 characters): the standby's socket path must stay under 107 bytes. */
export function drillDirOf(target: BackupTarget, drillId: string): string {
  return path.join(target.workDir, 'drills', drillId.slice(0, 8));
}

/**
 * The developer's cluster (platform/postgres-cluster.ts) with repo1 in var/backup/local
 * and repo2, the "off-site" one, in var/backup/offsite; or the target that
 * STOREOPS_BACKUP_TARGET names.
 */
export function backupTargetFor(config: Pick<Config, 'DATABASE_URL'>, env = process.env): BackupTarget {
  const file = env[BACKUP_TARGET_ENV];
  if (file) return JSON.parse(readFileSync(file, 'utf8')) as BackupTarget;
  const toolchain = ensureToolchain();
  const url = new URL(config.DATABASE_URL);
  return storeopsBackupTarget({
    pgbackrest: toolchain.pgbackrest,
    cluster: localCluster(toolchain.pgBinDir, Number(url.port) || undefined),
    databaseUrl: config.DATABASE_URL,
    workDir: postgresWritableRoot('backup'),
  });
}

/** The ops worker's retention: repo1 keeps 2 full backups, the off-site repo2 keeps 4 (§8.4). */
const STOREOPS_RETENTION: Record<RepoNumber, RepoRetention> = { 1: { full: 2, diff: 7 }, 2: { full: 4, diff: 7 } };

/** repo1 `local` and repo2 `offsite` under the work dir, each with its retention. */
export function reposUnder(workDir: string, retention: Record<RepoNumber, RepoRetention>): BackupTarget['repos'] {
  return {
    1: { path: path.join(workDir, 'local'), retention: retention[1] },
    2: { path: path.join(workDir, 'offsite'), retention: retention[2] },
  };
}

/**
 * The `storeops` stanza with the ops worker's repositories and retention, on a cluster:
 * the developer's by default, the chaos run's when it points the workers at its own.
 */
export function storeopsBackupTarget(
  on: Pick<BackupTarget, 'pgbackrest' | 'cluster' | 'databaseUrl' | 'workDir'>,
): BackupTarget {
  return {
    stanza: 'storeops',
    pgbackrest: on.pgbackrest,
    cluster: on.cluster,
    database: new URL(on.databaseUrl).pathname.slice(1),
    databaseUrl: on.databaseUrl,
    workDir: on.workDir,
    repos: reposUnder(on.workDir, STOREOPS_RETENTION),
    compressType: 'lz4',
  };
}
