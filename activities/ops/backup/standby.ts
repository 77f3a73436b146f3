import { existsSync, readFileSync, rmSync } from 'node:fs';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { clusterIn, type LocalCluster } from '../../../platform/postgres-cluster';
import { ownedDir, runAs } from '../../../platform/os-user';
import { configFileOf, type BackupTarget, type RepoNumber } from '../../../platform/backup-target';
import { pgbackrest } from './pgbackrest';

/** Where recovery stops: a named restore point (general drill) or the end of archived WAL (severe). */
export type RecoveryTarget = { kind: 'name'; name: string } | { kind: 'latest' };

/** A restored copy of the primary on its own data dir, socket and port (the primary is never touched). */
export function standbyCluster(target: BackupTarget, dir: string, port: number): LocalCluster {
  return clusterIn({ pgBinDir: target.cluster.pgBinDir, rootDir: dir, port, osUser: target.cluster.osUser });
}

/**
 * `pgbackrest restore` of one backup set from one repository into the standby's data dir
 * (T/QGCML 3125 §8.2.3). `--archive-mode=off` so the standby can never archive into the
 * primary's stanza; restore_command pinned to the same repository, so a severe drill
 * reads nothing from repo1; the standby's own port and socket in postgresql.auto.conf,
 * which is read after the primary's copied settings.
 */
export async function restoreStandby(
  target: BackupTarget,
  standby: LocalCluster,
  options: { repo: RepoNumber; set: string; recovery: RecoveryTarget; onTick?: () => void },
): Promise<void> {
  rmSync(standby.rootDir, { recursive: true, force: true });
  ownedDir(standby, standby.rootDir);
  ownedDir(standby, standby.dataDir);
  ownedDir(standby, standby.socketDir);
  const restoreCommand = `${target.pgbackrest} --config=${configFileOf(target)} --stanza=${target.stanza} --repo=${options.repo} --pg1-path=${standby.dataDir} archive-get %f "%p"`;
  const recovery =
    options.recovery.kind === 'name'
      ? ['--type=name', `--target=${options.recovery.name}`, '--target-action=promote']
      : ['--type=default'];
  await pgbackrest(
    target,
    'restore',
    [
      `--repo=${options.repo}`,
      `--set=${options.set}`,
      `--pg1-path=${standby.dataDir}`,
      '--archive-mode=off',
      `--recovery-option=restore_command=${restoreCommand}`,
      ...recovery,
    ],
    { onTick: options.onTick },
  );
  appendFileSync(
    path.join(standby.dataDir, 'postgresql.auto.conf'),
    [
      '# StoreOps recovery drill standby',
      `port = ${standby.port}`,
      `unix_socket_directories = '${standby.socketDir}'`,
      "listen_addresses = '127.0.0.1'",
      '',
    ].join('\n'),
  );
}

export async function standbySql(standby: LocalCluster, sql: string): Promise<string> {
  const args = ['--no-psqlrc', '--quiet', '--tuples-only', '--no-align', '--set', 'ON_ERROR_STOP=1'];
  const result = await runAs(standby, path.join(standby.pgBinDir, 'psql'), [
    ...args,
    '--host',
    standby.socketDir,
    '--port',
    String(standby.port),
    '--username',
    'postgres',
    '--dbname',
    'postgres',
    '--command',
    sql,
  ]);
  if (result.code !== 0) throw new Error(result.stderr.trim() || `psql exited with code ${result.code}`);
  return result.stdout.trim();
}

export async function isServerRunning(standby: LocalCluster): Promise<boolean> {
  const status = await runAs(standby, path.join(standby.pgBinDir, 'pg_ctl'), ['status', '--pgdata', standby.dataDir]);
  return status.code === 0;
}

/** The last lines of the standby's server log: why recovery stopped, in PostgreSQL's words. */
export function standbyLogTail(standby: LocalCluster, lines = 6): string {
  if (!existsSync(standby.logFile)) return '';
  const text = readFileSync(standby.logFile, 'utf8').trim().split('\n');
  const fatal = text.filter((line) => /FATAL|PANIC|ERROR/.test(line)).slice(-2);
  return (fatal.length ? fatal : text.slice(-lines)).join(' | ');
}

/**
 * Starts the standby and waits until recovery is over and it accepts connections
 * (`pg_is_in_recovery()` false), failing with the server's own reason when it stops
 * (a missing WAL segment, a target never reached) or when `deadline` passes — never hangs.
 */
export async function startStandby(
  standby: LocalCluster,
  options: { deadline: number; onTick?: () => void; pollMs?: number },
): Promise<void> {
  const started = await runAs(standby, path.join(standby.pgBinDir, 'pg_ctl'), [
    'start',
    '--no-wait',
    '--pgdata',
    standby.dataDir,
    '--log',
    standby.logFile,
  ]);
  if (started.code !== 0)
    throw new Error(`the standby did not start: ${started.stderr.trim() || standbyLogTail(standby)}`);
  for (;;) {
    options.onTick?.();
    const inRecovery = await standbySql(standby, 'SELECT pg_is_in_recovery()').catch(() => undefined);
    if (inRecovery === 'f') return;
    if (!(await isServerRunning(standby)))
      throw new Error(`the standby stopped during recovery: ${standbyLogTail(standby) || 'no log'}`);
    if (Date.now() > options.deadline)
      throw new Error(`the standby was still recovering at the deadline: ${standbyLogTail(standby)}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}

/** Stops the standby (immediate: it is disposable) and removes its directory. */
export async function tearDownStandby(standby: LocalCluster): Promise<void> {
  if (existsSync(standby.dataDir) && (await isServerRunning(standby)))
    await runAs(standby, path.join(standby.pgBinDir, 'pg_ctl'), [
      'stop',
      '--mode',
      'immediate',
      '--pgdata',
      standby.dataDir,
    ]);
  rmSync(standby.rootDir, { recursive: true, force: true });
}
