import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { repoRoot } from '../config/paths';
import { retryUntil } from './retry-until';

/** The launchers' own voice on the console (`npm start`, `npm run start:cluster`). */
export const say = (message: string) => console.log(`\x1b[1m[storeops]\x1b[0m ${message}`);

interface Running {
  name: string;
  child: ChildProcess;
}

/**
 * What a launcher started, stopped in reverse order on Ctrl-C or when any child dies:
 * children first (SIGTERM, so workers drain), then the clean-ups of the services it
 * started (the PostgreSQL cluster, the sandboxes). Shared by scripts/start.ts and
 * scripts/start-cluster.ts.
 */
export class ProcessGroup {
  private readonly children: Running[] = [];
  private readonly cleanups: Array<() => Promise<void> | void> = [];
  private stopping = false;

  /** Ctrl-C and SIGTERM stop the group and exit. */
  stopOnSignals(): void {
    process.on('SIGINT', () => void this.stop(0));
    process.on('SIGTERM', () => void this.stop(0));
  }

  onStop(cleanup: () => Promise<void> | void): void {
    this.cleanups.push(cleanup);
  }

  /** A child the group watches: if it exits on its own, everything stops. */
  adopt(name: string, child: ChildProcess): ChildProcess {
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      say(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void this.stop(1);
    });
    this.children.push({ name, child });
    return child;
  }

  /** A TypeScript entry point of this repo in its own Node process, its output prefixed with `name`. */
  spawnNode(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
    return this.spawnPrefixed(name, process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], { env });
  }

  /** Any executable, its output on the console prefixed with `name`. */
  spawnPrefixed(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixOutput(name, child);
    return this.adopt(name, child);
  }

  async stop(exitCode: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    say('stopping…');
    for (const { name, child } of [...this.children].reverse()) await terminate(name, child);
    for (const cleanup of [...this.cleanups].reverse()) {
      try {
        await cleanup();
      } catch (error) {
        say(`clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    say('stopped');
    process.exit(exitCode);
  }
}

function prefixOutput(name: string, child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
}

/** SIGTERM, then SIGKILL if the child has not exited after 15 s (workers drain first). */
export function terminate(name: string, child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => {
      say(`${name} did not stop in time; killing it`);
      child.kill('SIGKILL');
    }, 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resolves once `url` answers 2xx; `what` names the service in the timeout's message. */
export async function waitForHttp(url: string, what: string, timeoutMs = 120_000): Promise<void> {
  await retryUntil(
    async () => {
      // Refused while not listening yet; not ok while still starting.
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    },
    timeoutMs,
    500,
  ).catch(() => {
    throw new Error(`${what} did not become ready at ${url} within ${timeoutMs / 1000} s`);
  });
}
