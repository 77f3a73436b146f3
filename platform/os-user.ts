import { spawn } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { LocalCluster } from './postgres-cluster';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program as the cluster's OS user (pgBackRest and PostgreSQL refuse root), without
 * a shell; `onTick` fires every few seconds while it runs, for activity heartbeats.
 */
export function runAs(
  cluster: LocalCluster,
  executable: string,
  args: string[],
  options: { onTick?: () => void; signal?: AbortSignal; tickMs?: number } = {},
): Promise<RunResult> {
  const [command, commandArgs] = cluster.osUser
    ? ['runuser', ['-u', cluster.osUser, '--', executable, ...args]]
    : [executable, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const ticker = options.onTick ? setInterval(options.onTick, options.tickMs ?? 5000) : undefined;
    child.once('error', (error) => {
      if (ticker) clearInterval(ticker);
      reject(error);
    });
    child.once('close', (code) => {
      if (ticker) clearInterval(ticker);
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** A directory the cluster's OS user owns (repos, logs, standby data directories). */
export function ownedDir(cluster: LocalCluster, dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!cluster.osUser) return;
  const id = (flag: string) => Number(execFileSync('id', [flag, cluster.osUser as string], { encoding: 'utf8' }));
  const [uid, gid] = [id('-u'), id('-g')];
  // Every directory this call made, not only the last: a recursive mkdir makes them all 0700.
  for (let current = dir; ; current = path.dirname(current)) {
    chownSync(current, uid, gid);
    if (!first || current === first || current === path.dirname(current)) break;
  }
}
