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
