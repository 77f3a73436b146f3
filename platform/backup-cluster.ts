import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ownedDir } from './os-user';
import { reposUnder, type BackupTarget } from './backup-target';
import {
  appDatabaseUrl,
  clusterIn,
  clusterOsUser,
  postgresWritableRoot,
  startCluster,
  stopCluster,
  superuserSql,
} from './postgres-cluster';
import { ensureToolchain } from './toolchain';
import { freePort } from './free-port';

export interface ThrowAwayBackupCluster {
  target: BackupTarget;
  /** postgres://storeops:…@127.0.0.1:<port>/storeops on the throw-away cluster. */
  databaseUrl: string;
  /** The JSON file that STOREOPS_BACKUP_TARGET should name for workers to use this target. */
  targetFile: string;
  sql(statement: string): string;
  destroy(): void;
}

/**
 * A PostgreSQL cluster of its own for backup and drill tests and the benchmark: data dir,
 * port, pgBackRest config, stanza and both repositories under var/test/<name>-<pid>/, so
 * they never touch the developer's cluster (or each other). `destroy()` stops it and
 * removes everything, standbys of drills included.
 */
export async function createThrowAwayBackupCluster(name: string): Promise<ThrowAwayBackupCluster> {
  const toolchain = ensureToolchain();
  const rootDir = postgresWritableRoot('test', `${name}-${process.pid}`);
  rmSync(rootDir, { recursive: true, force: true });
  const port = await freePort();
  const cluster = clusterIn({
    pgBinDir: toolchain.pgBinDir,
    rootDir: path.join(rootDir, 'pg'),
    port,
    osUser: clusterOsUser(),
  });
  // Reachable by the cluster's OS user: each directory made here, not by a recursive 0700 mkdir.
  mkdirSync(path.dirname(rootDir), { recursive: true, mode: 0o755 });
  ownedDir(cluster, rootDir);
  startCluster(cluster);
  const databaseUrl = appDatabaseUrl(port);
  const workDir = path.join(rootDir, 'backup');
  const target: BackupTarget = {
    stanza: `test_${name.replace(/\W/g, '_')}`,
    pgbackrest: toolchain.pgbackrest,
    cluster,
    database: 'storeops',
    databaseUrl,
    workDir,
    repos: reposUnder(workDir, { 1: { full: 2, diff: 3 }, 2: { full: 2, diff: 3 } }),
    compressType: 'lz4',
  };
  const targetFile = path.join(rootDir, 'target.json');
  writeFileSync(targetFile, JSON.stringify(target, null, 2));
  return {
    target,
    databaseUrl,
    targetFile,
    sql: (statement) => superuserSql(cluster, statement, 'storeops'),
    destroy() {
      stopCluster(cluster);
      rmSync(rootDir, { recursive: true, force: true });
    },
  };
}
