import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { allSearchAttributes } from '../workflows/shared/search-attributes';
import { retryUntil } from './retry-until';
import { waitForFrontend } from './temporal-dev-server';
import { renderTemporalServerConfig, type TemporalServerConfigOptions } from './temporal-server-config';

const execFileAsync = promisify(execFile);

export interface TemporalServerOptions extends TemporalServerConfigOptions {
  /** The `temporal-server` binary (go.temporal.io/server/cmd/server). */
  binary: string;
  /** Holds the generated config (`<rootDir>/config/storeops.yaml`). */
  rootDir: string;
  logFile: string;
}

/**
 * Starts the Temporal server itself (frontend, history, matching and worker services in
 * one process) on a generated config, and resolves once its frontend answers health
 * checks. The schema must be up to date first (temporal-persistence.ts).
 */
export async function startTemporalServer(options: TemporalServerOptions): Promise<ChildProcess> {
  const configDir = path.join(options.rootDir, 'config');
  mkdirSync(configDir, { recursive: true });
  // Holds the database password: readable by this user only.
  // Search attributes registered a moment ago must be usable at once (schedules and starts
  // name them): read them through, as the dev server does, instead of a cache minutes old.
  const dynamicConfig = path.join(configDir, 'dynamic-config.yaml');
  writeFileSync(dynamicConfig, 'system.forceSearchAttributesCacheRefreshOnRead:\n  - value: true\n');
  const serverConfig = [
    renderTemporalServerConfig(options),
    'dynamicConfigClient:',
    `  filepath: ${JSON.stringify(dynamicConfig)}`,
    '  pollInterval: "10s"',
    '',
  ].join('\n');
  writeFileSync(path.join(configDir, 'storeops.yaml'), serverConfig, { mode: 0o600 });
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  const child = spawn(
    options.binary,
    ['--root', options.rootDir, '--config', 'config', '--env', 'storeops', '--allow-no-auth', 'start'],
    { stdio: ['ignore', log, log] },
  );
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`the Temporal server exited with code ${code} while starting; see ${options.logFile}`)),
    ),
  );
  await Promise.race([waitForFrontend(`127.0.0.1:${options.frontendPort}`, 180_000), exited]);
  return child;
}

/**
 * What the dev server does by itself and a real cluster needs once: the namespace
 * (7 days' retention of closed histories) and the project's custom search attributes
 * (workflows/shared/search-attributes.ts), with the Temporal CLI. Idempotent; returns
 * what it registered. Waits until the frontend serves the namespace, which it learns
 * from its namespace cache some seconds after registration.
 */
export async function registerNamespace(cli: string, address: string, namespace: string): Promise<string[]> {
  const temporal = async (...args: string[]) =>
    (await execFileAsync(cli, [...args, '--address', address], { maxBuffer: 4 * 1024 * 1024 })).stdout;
  const registered: string[] = [];
  try {
    await temporal('operator', 'namespace', 'describe', '--namespace', namespace);
  } catch {
    await temporal('operator', 'namespace', 'create', '--namespace', namespace, '--retention', '168h');
    registered.push(`namespace ${namespace}`);
  }
  const existing = await waitFor(async () =>
    JSON.parse(await temporal('operator', 'search-attribute', 'list', '--namespace', namespace, '--output', 'json')),
  );
  const known = JSON.stringify(existing);
  for (const key of allSearchAttributes) {
    if (known.includes(`"${key.name}"`)) continue;
    await temporal(
      'operator',
      'search-attribute',
      'create',
      '--namespace',
      namespace,
      '--name',
      key.name,
      '--type',
      key.type,
    );
    registered.push(`search attribute ${key.name}`);
  }
  await waitFor(() => temporal('workflow', 'count', '--namespace', namespace));
  return registered;
}

/** The frontend learns of a new namespace and its attributes within seconds: ask again each second for a minute. */
const waitFor = <T>(attempt: () => Promise<T>): Promise<T> => retryUntil(attempt, 60_000, 1_000);
