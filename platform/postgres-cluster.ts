import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_PG_PORT } from '../config/dev-defaults';
import { varDir } from '../config/paths';

/**
 * The project's own PostgreSQL cluster for development and tests: made with initdb under
 * var/, on its own port, started and stopped with pg_ctl. As root it runs as the
 * `postgres` OS user, because PostgreSQL refuses to run as root.
 */
export interface LocalCluster {
  pgBinDir: string;
  rootDir: string;
  dataDir: string;
  socketDir: string;
  logFile: string;
  port: number;
  /** The OS user that owns and runs the cluster, when it is not the current one. */
  osUser?: string;
}

const APP_ROLE = 'storeops';

/** As root, the cluster (and what its server writes: WAL archives, backups) belongs to `postgres`. */
export function clusterOsUser(): string | undefined {
  return process.getuid?.() === 0 ? 'postgres' : undefined;
}

export function localCluster(pgBinDir: string, port = LOCAL_PG_PORT): LocalCluster {
  return clusterIn({ pgBinDir, rootDir: postgresWritableRoot('postgres'), port, osUser: clusterOsUser() });
}

/**
 * The one layout of every cluster the project runs (the developer's, throw-away test and
 * chaos clusters, restored drill standbys): data, socket and log under its root.
 */
export function clusterIn(where: Pick<LocalCluster, 'pgBinDir' | 'rootDir' | 'port' | 'osUser'>): LocalCluster {
  const { rootDir } = where;
  return {
    ...where,
    dataDir: path.join(rootDir, 'data'),
    socketDir: path.join(rootDir, 'run'),
    logFile: path.join(rootDir, 'postgres.log'),
  };
}

/** The application's database on a cluster started here (role and database `storeops`). */
export function appDatabaseUrl(port: number): string {
  return `postgres://${APP_ROLE}:${APP_ROLE}@127.0.0.1:${port}/${APP_ROLE}`;
}

/**
 * A directory under var/ for what the cluster's OS user must reach (its data, backup
 * repositories, test clusters), unless that user cannot reach var/ (a checkout under
 * /root): then one of its own under /var/lib/storeops, one per checkout.
 */
export function postgresWritableRoot(...segments: string[]): string {
  const osUser = clusterOsUser();
  const preferred = path.join(varDir, ...segments);
  if (!osUser) return preferred;
  try {
    mkdirSync(varDir, { recursive: true });
    execFileSync('runuser', ['-u', osUser, '--', 'test', '-x', varDir], { stdio: 'ignore' });
    return preferred;
  } catch {
    const checkout = createHash('sha256').update(varDir).digest('hex').slice(0, 12);
    return path.join('/var/lib/storeops', checkout, ...segments);
  }
}

function run(cluster: LocalCluster, binary: string, args: string[], options: ExecFileSyncOptions = {}): string {
  const executable = path.join(cluster.pgBinDir, binary);
  const [command, commandArgs] = cluster.osUser
    ? ['runuser', ['-u', cluster.osUser, '--', executable, ...args]]
    : [executable, args];
  const output = execFileSync(command, commandArgs, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  return String(output ?? '');
}

function ownerIds(cluster: LocalCluster): { uid: number; gid: number } | undefined {
  if (!cluster.osUser) return undefined;
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, cluster.osUser as string], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function makeOwnedDir(cluster: LocalCluster, dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const owner = ownerIds(cluster);
  if (owner) chownSync(dir, owner.uid, owner.gid);
}

function writeOwnedFile(cluster: LocalCluster, file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  const owner = ownerIds(cluster);
  if (owner) chownSync(file, owner.uid, owner.gid);
}

export function isInitialised(cluster: LocalCluster): boolean {
  return existsSync(path.join(cluster.dataDir, 'PG_VERSION'));
}

/** initdb once, configured for the app and ready for pgBackRest (WAL archiving). */
export function initCluster(cluster: LocalCluster): void {
  if (isInitialised(cluster)) return;
  makeOwnedDir(cluster, cluster.rootDir);
  makeOwnedDir(cluster, cluster.socketDir);
  run(cluster, 'initdb', [
    '--pgdata',
    cluster.dataDir,
    '--username',
    'postgres',
    '--auth-local',
    'trust',
    '--auth-host',
    'scram-sha-256',
    '--encoding',
    'UTF8',
    '--locale',
    'C.UTF-8',
    '--data-checksums',
  ]);
  writeOwnedFile(cluster, path.join(cluster.dataDir, 'storeops.conf'), clusterSettings(cluster, '/bin/true'));
  appendFileSync(path.join(cluster.dataDir, 'postgresql.conf'), "\ninclude = 'storeops.conf'\n");
}

/** The include file initdb's postgresql.conf points at; `archiveCommand` is the only part that changes. */
function clusterSettings(cluster: LocalCluster, archiveCommand: string): string {
  return [
    '# StoreOps local cluster',
    `port = ${cluster.port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${cluster.socketDir}'`,
    // Ready for pgBackRest: replica-level WAL, archived continuously. Until the backup
    // stanza exists the archive command accepts every segment; the backup set-up
    // (activities/backup/stanza.ts) replaces it with `pgbackrest archive-push`.
    'wal_level = replica',
    'archive_mode = on',
    `archive_command = '${archiveCommand.replaceAll("'", "''")}'`,
    'max_wal_senders = 3',
    'max_connections = 200',
    "timezone = 'UTC'",
    '',
  ].join('\n');
}

/**
 * Points WAL archiving at `archiveCommand` (T/QGCML 3125 §8.4, continuous archiving), for
 * a fresh cluster and one made before the backup set-up alike: re-writes the include
 * file and reloads a running server (archive_command needs no restart).
 */
export function setArchiveCommand(cluster: LocalCluster, archiveCommand: string): void {
  writeOwnedFile(cluster, path.join(cluster.dataDir, 'storeops.conf'), clusterSettings(cluster, archiveCommand));
  if (isRunning(cluster)) superuserSql(cluster, 'SELECT pg_reload_conf()');
}

export function isRunning(cluster: LocalCluster): boolean {
  try {
    run(cluster, 'pg_ctl', ['status', '--pgdata', cluster.dataDir]);
    return true;
  } catch {
    return false;
  }
}

/** Starts the cluster unless it runs already; returns whether this call started it. */
export function startCluster(cluster: LocalCluster): boolean {
  initCluster(cluster);
  if (isRunning(cluster)) return false;
  run(cluster, 'pg_ctl', ['start', '--wait', '--timeout', '60', '--pgdata', cluster.dataDir, '--log', cluster.logFile]);
  ensureAppRole(cluster);
  return true;
}

export function stopCluster(cluster: LocalCluster): void {
  if (!isRunning(cluster)) return;
  run(cluster, 'pg_ctl', ['stop', '--wait', '--mode', 'fast', '--pgdata', cluster.dataDir]);
}

/**
 * psql as the cluster's superuser over its private socket: unformatted rows, stopping at
 * the first error. Extra options (a field separator) go before the database's name.
 */
export function superuserPsqlArgs(cluster: LocalCluster, database: string, extra: string[] = []): string[] {
  return [
    '--no-psqlrc',
    '--quiet',
    '--tuples-only',
    '--no-align',
    ...extra,
    '--set',
    'ON_ERROR_STOP=1',
    '--host',
    cluster.socketDir,
    '--port',
    String(cluster.port),
    '--username',
    'postgres',
    '--dbname',
    database,
  ];
}

/** Runs SQL as the cluster's superuser over its private socket. */
export function superuserSql(cluster: LocalCluster, sql: string, database = 'postgres'): string {
  return run(cluster, 'psql', [...superuserPsqlArgs(cluster, database), '--command', sql]).trim();
}

/** The application role and its database (the role may create throw-away test databases). */
function ensureAppRole(cluster: LocalCluster): void {
  const roleExists = superuserSql(cluster, `SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}'`) === '1';
  if (!roleExists) superuserSql(cluster, `CREATE ROLE ${APP_ROLE} LOGIN CREATEDB PASSWORD '${APP_ROLE}'`);
  const dbExists = superuserSql(cluster, `SELECT 1 FROM pg_database WHERE datname = '${APP_ROLE}'`) === '1';
  if (!dbExists) superuserSql(cluster, `CREATE DATABASE ${APP_ROLE} OWNER ${APP_ROLE}`);
}
