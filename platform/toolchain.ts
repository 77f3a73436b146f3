import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnvFile } from '../config/dev-defaults';
import { repoRoot } from '../config/paths';

/** Paths of the executables that scripts/bootstrap.sh installed or found. */
export interface Toolchain {
  temporalCli: string;
  temporalTestServer: string;
  pgBinDir: string;
  pgbackrest: string;
}

export const cacheDir =
  process.env.STOREOPS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'storeops');

const toolchainFile = path.join(cacheDir, 'toolchain.env');

function readToolchainFile(): Toolchain | undefined {
  if (!existsSync(toolchainFile)) return undefined;
  const values = parseEnvFile(readFileSync(toolchainFile, 'utf8'));
  const toolchain = {
    temporalCli: values.TEMPORAL_CLI ?? '',
    temporalTestServer: values.TEMPORAL_TEST_SERVER ?? '',
    pgBinDir: values.PG_BIN_DIR ?? '',
    pgbackrest: values.PGBACKREST ?? '',
  };
  const complete = [
    toolchain.temporalCli,
    toolchain.temporalTestServer,
    path.join(toolchain.pgBinDir, 'pg_ctl'),
    toolchain.pgbackrest,
  ].every((file) => file !== '' && existsSync(file));
  return complete ? toolchain : undefined;
}

/**
 * The toolchain, running the bootstrap first when something is missing (a fresh
 * machine, a cleared cache), so that `npm start` and `npm test` work from a fresh clone.
 */
export function ensureToolchain(): Toolchain {
  const ready = readToolchainFile();
  if (ready) return ready;
  execFileSync('bash', [path.join(repoRoot, 'scripts', 'bootstrap.sh')], { stdio: 'inherit' });
  const installed = readToolchainFile();
  if (!installed)
    throw new Error(
      `bootstrap finished but ${toolchainFile} is incomplete; run 'npm run bootstrap' and read its output`,
    );
  return installed;
}

/** What the cluster topology needs beyond the toolchain (`bootstrap.sh --cluster`). */
export interface ClusterToolchain {
  temporalServer: string;
  temporalSqlTool: string;
  temporalUiServer: string;
  haproxy: string;
}

const clusterToolchainFile = path.join(cacheDir, 'cluster-toolchain.env');

function readClusterToolchainFile(): ClusterToolchain | undefined {
  if (!existsSync(clusterToolchainFile)) return undefined;
  const values = parseEnvFile(readFileSync(clusterToolchainFile, 'utf8'));
  const toolchain = {
    temporalServer: values.TEMPORAL_SERVER ?? '',
    temporalSqlTool: values.TEMPORAL_SQL_TOOL ?? '',
    temporalUiServer: values.TEMPORAL_UI_SERVER ?? '',
    haproxy: values.HAPROXY ?? '',
  };
  return Object.values(toolchain).every((file) => file !== '' && existsSync(file)) ? toolchain : undefined;
}

/**
 * The cluster toolchain, running `bootstrap.sh --cluster` first when something is missing
 * (the first `npm run start:cluster` on a machine builds the Temporal server: minutes).
 */
export function ensureClusterToolchain(): ClusterToolchain {
  const ready = readClusterToolchainFile();
  if (ready) return ready;
  execFileSync('bash', [path.join(repoRoot, 'scripts', 'bootstrap.sh'), '--cluster'], { stdio: 'inherit' });
  const installed = readClusterToolchainFile();
  if (!installed)
    throw new Error(
      `bootstrap finished but ${clusterToolchainFile} is incomplete; run 'npm run bootstrap -- --cluster' and read its output`,
    );
  return installed;
}
