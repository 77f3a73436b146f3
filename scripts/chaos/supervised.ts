// One process of the chaos run's stack, the way a process supervisor (systemd's
// Restart=always) keeps it: started, killed with SIGKILL on purpose, started again, and
// started again when it dies on its own (a worker that gave up on a lost database).
import type { ChildProcess } from 'node:child_process';

export interface Supervised {
  readonly name: string;
  /** Restarts after exits nobody asked for: the stack's own weakness, shown in the report. */
  readonly unplannedRestarts: number;
  kill9(): Promise<void>;
  start(): Promise<void>;
  /** SIGTERM (workers drain), SIGKILL after 15 s; no restart after this. */
  stop(): Promise<void>;
}

const say = (message: string) => console.log(`[chaos] ${message}`);

/**
 * `launch` starts the process and resolves once it serves (or at once, for a worker);
 * it hands the child to `adopt` as soon as it exists, so a stop during a slow start still
 * reaches it.
 */
export function supervise(
  name: string,
  launch: (adopt: (child: ChildProcess) => void) => Promise<ChildProcess>,
): Supervised {
  let child: ChildProcess | undefined;
  let expectingExit = false;
  let stopped = false;
  let unplannedRestarts = 0;

  const watch = (running: ChildProcess) => {
    running.once('exit', (code, signal) => {
      if (child !== running || expectingExit || stopped) return;
      unplannedRestarts += 1;
      say(`${name} exited on its own (${signal ?? `code ${code}`}); restarting it`);
      child = undefined;
      setTimeout(() => void start().catch((error) => say(`${name} restart failed: ${String(error)}`)), 1_000);
    });
  };

  async function start(): Promise<void> {
    if (stopped) return;
    expectingExit = false;
    const adopt = (running: ChildProcess) => {
      child = running;
      watch(running);
    };
    const running = await launch(adopt);
    if (child !== running) adopt(running);
    if (stopped) running.kill('SIGKILL');
  }

  return {
    name,
    get unplannedRestarts() {
      return unplannedRestarts;
    },
    start,
    async kill9() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      expectingExit = true;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
      child = undefined;
    },
    async stop() {
      stopped = true;
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      const killer = setTimeout(() => running.kill('SIGKILL'), 15_000);
      running.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}
