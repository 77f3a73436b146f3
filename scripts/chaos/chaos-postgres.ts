// The chaos run's own PostgreSQL cluster: a fresh initdb beside (never inside) the user's
// var/postgres, on a free port, so an immediate shutdown hurts nobody else's stack.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  clusterIn,
  clusterOsUser,
  isRunning,
  postgresWritableRoot,
  startCluster,
  stopCluster,
  type LocalCluster,
} from '../../platform/postgres-cluster';

export function chaosCluster(pgBinDir: string, topology: string, port: number): LocalCluster {
  const rootDir = postgresWritableRoot('chaos', topology, 'postgres');
  // initdb writes the port into the cluster's config once: a new run, a new cluster.
  rmSync(rootDir, { recursive: true, force: true });
  // The parents first, readable: makeOwnedDir's recursive 0700 would lock the OS user out of them.
  mkdirSync(path.dirname(rootDir), { recursive: true });
  return clusterIn({ pgBinDir, rootDir, port, osUser: clusterOsUser() });
}

/**
 * `pg_ctl stop -m immediate`: the postmaster and every backend quit without a checkpoint,
 * as in a power cut; the next start replays the WAL (crash recovery).
 */
export function crashPostgres(cluster: LocalCluster): void {
  const pgCtl = path.join(cluster.pgBinDir, 'pg_ctl');
  const args = ['stop', '--wait', '--mode', 'immediate', '--pgdata', cluster.dataDir];
  if (cluster.osUser) execFileSync('runuser', ['-u', cluster.osUser, '--', pgCtl, ...args], { stdio: 'ignore' });
  else execFileSync(pgCtl, args, { stdio: 'ignore' });
}

export function restartPostgres(cluster: LocalCluster): void {
  startCluster(cluster);
}

export function removeChaosCluster(cluster: LocalCluster): void {
  if (isRunning(cluster)) stopCluster(cluster);
  rmSync(cluster.rootDir, { recursive: true, force: true });
}
