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

/**
 * One file scripts/bootstrap.sh writes (KEY=path lines): the variable that names each
 * tool, the files that must exist for it to count as complete (each tool unless told),
 * and the bootstrap run that makes it.
 */
interface ToolFile<Tools extends { [Tool in keyof Tools]: string }> {
  file: string;
  variables: { [Tool in keyof Tools]: string };
  required?: (tools: Tools) => string[];
  bootstrapArgs: string[];
  rerun: string;
}

function readToolFile<Tools extends { [Tool in keyof Tools]: string }>(spec: ToolFile<Tools>): Tools | undefined {
  if (!existsSync(spec.file)) return undefined;
  const values = parseEnvFile(readFileSync(spec.file, 'utf8'));
  const tools = Object.fromEntries(
    Object.entries(spec.variables).map(([tool, variable]) => [tool, values[variable as string] ?? '']),
  ) as Tools;
  const required = spec.required?.(tools) ?? (Object.values(tools) as string[]);
  return required.every((file) => file !== '' && existsSync(file)) ? tools : undefined;
}

/** The tools, running the bootstrap first when something is missing (a fresh machine, a cleared cache). */
function ensureToolFile<Tools extends { [Tool in keyof Tools]: string }>(spec: ToolFile<Tools>): Tools {
  const ready = readToolFile(spec);
  if (ready) return ready;
  execFileSync('bash', [path.join(repoRoot, 'scripts', 'bootstrap.sh'), ...spec.bootstrapArgs], { stdio: 'inherit' });
  const installed = readToolFile(spec);
  if (!installed)
    throw new Error(`bootstrap finished but ${spec.file} is incomplete; run '${spec.rerun}' and read its output`);
  return installed;
}

const toolchainFile: ToolFile<Toolchain> = {
  file: path.join(cacheDir, 'toolchain.env'),
  variables: {
    temporalCli: 'TEMPORAL_CLI',
    temporalTestServer: 'TEMPORAL_TEST_SERVER',
    pgBinDir: 'PG_BIN_DIR',
    pgbackrest: 'PGBACKREST',
  },
  // The PostgreSQL binaries are a directory: pg_ctl stands for them.
  required: (tools) => [
    tools.temporalCli,
    tools.temporalTestServer,
    path.join(tools.pgBinDir, 'pg_ctl'),
    tools.pgbackrest,
  ],
  bootstrapArgs: [],
  rerun: 'npm run bootstrap',
};

/**
 * The toolchain, running the bootstrap first when something is missing (a fresh
 * machine, a cleared cache), so that `npm start` and `npm test` work from a fresh clone.
 */
export function ensureToolchain(): Toolchain {
  return ensureToolFile(toolchainFile);
}

/** What the cluster topology needs beyond the toolchain (`bootstrap.sh --cluster`). */
export interface ClusterToolchain {
  temporalServer: string;
  temporalSqlTool: string;
  temporalUiServer: string;
  haproxy: string;
}

const clusterToolchainFile: ToolFile<ClusterToolchain> = {
  file: path.join(cacheDir, 'cluster-toolchain.env'),
  variables: {
    temporalServer: 'TEMPORAL_SERVER',
    temporalSqlTool: 'TEMPORAL_SQL_TOOL',
    temporalUiServer: 'TEMPORAL_UI_SERVER',
    haproxy: 'HAPROXY',
  },
  bootstrapArgs: ['--cluster'],
  rerun: 'npm run bootstrap -- --cluster',
};

/**
 * The cluster toolchain, running `bootstrap.sh --cluster` first when something is missing
 * (the first `npm run start:cluster` on a machine builds the Temporal server: minutes).
 */
export function ensureClusterToolchain(): ClusterToolchain {
  return ensureToolFile(clusterToolchainFile);
}
