import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { allSearchAttributes } from '../workflows/shared/search-attributes';
import { retryUntil } from './retry-until';

export interface DevServerOptions {
  cli: string;
  port: number;
  /** Web UI port; no UI when omitted (tests). */
  uiPort?: number;
  /** SQLite file, so state survives restarts; in memory when omitted (tests). */
  dbFile?: string;
  namespace: string;
  /** Where the Web UI asks to decode payloads (the API's codec server). */
  codecEndpoint?: string;
  logFile: string;
}

/**
 * Starts `temporal server start-dev` with the project's search attributes registered, and
 * resolves once its frontend answers health checks.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<ChildProcess> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...allSearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=${key.type}`]),
  ];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (options.codecEndpoint) args.push('--ui-codec-endpoint', options.codecEndpoint);

  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  const child = spawn(options.cli, args, { stdio: ['ignore', log, log] });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(
        new Error(
          `temporal dev server exited with code ${code}; the end of ${options.logFile}:\n${logTail(options.logFile)}`,
        ),
      ),
    ),
  );
  await Promise.race([waitForFrontend(`127.0.0.1:${options.port}`), exited]);
  return child;
}

/**
 * The end of the server's log, or from its Go panic on, so a failed start explains itself
 * where it is seen (a CI run keeps only what the test command printed, not the machine's files).
 */
function logTail(logFile: string, lines = 20): string {
  try {
    const log = readFileSync(logFile, 'utf8').trimEnd().split('\n');
    const panic = log.map((line) => line.startsWith('panic:')).lastIndexOf(true);
    return (panic >= 0 ? log.slice(panic, panic + lines) : log.slice(-lines)).join('\n');
  } catch (error) {
    return `(log unreadable: ${String(error)})`;
  }
}

export async function waitForFrontend(address: string, timeoutMs = 60_000): Promise<void> {
  await retryUntil(
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.healthService.check({});
      } finally {
        await connection.close();
      }
    },
    timeoutMs,
    250,
  ).catch((error: unknown) => {
    throw new Error(`Temporal at ${address} did not answer within ${timeoutMs} ms: ${String(error)}`);
  });
}
