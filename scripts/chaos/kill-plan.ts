// What the chaos run kills, one at a time with a pause between, while the orders run: each
// victim SIGKILLed (PostgreSQL: an immediate shutdown, the postmaster's own crash) and
// started again after a moment, as a supervisor would.
import type { ChaosStack } from './chaos-stack';
import { crashPostgres, restartPostgres } from './chaos-postgres';

export interface Kill {
  victim: string;
  how: string;
  /** Seconds from the kill until the victim was serving again. */
  downSeconds: number;
}

interface Victim {
  victim: string;
  how: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

const say = (message: string) => console.log(`[chaos] ${message}`);
/** How long a victim stays dead: long enough for clients and workers to notice. */
const DEAD_FOR_MS = 3_000;

/** The list, in order: a worker twice (and a second one), Temporal, PostgreSQL, an API instance. */
export function victimsOf(stack: ChaosStack): Victim[] {
  const sigkill = (process: ChaosStack['opsWorker'], name = process.name): Victim => ({
    victim: name,
    how: 'SIGKILL',
    kill: () => process.kill9(),
    restart: () => process.start(),
  });
  const [firstCommerce, secondCommerce = firstCommerce] = stack.commerceWorkers;
  return [
    sigkill(firstCommerce!),
    sigkill(stack.opsWorker),
    sigkill(stack.apiInstances[0]!),
    sigkill(stack.temporal, stack.topology === 'dev' ? 'temporal dev server (SQLite file)' : 'temporal server'),
    {
      victim: 'postgresql',
      how: 'pg_ctl stop -m immediate',
      kill: async () => crashPostgres(stack.postgres),
      restart: async () => restartPostgres(stack.postgres),
    },
    sigkill(
      secondCommerce!,
      secondCommerce === firstCommerce ? `${firstCommerce!.name} (second time)` : secondCommerce!.name,
    ),
  ];
}

/**
 * Kills `count` victims (cycling through the list), spread over the load whatever its
 * speed: kill n waits until the share n / (count + 1) of the load is done (`progress`, 0 to
 * 1), and at least `pauseMs` after the previous victim came back.
 */
export async function runKills(
  stack: ChaosStack,
  options: { count: number; pauseMs: number; progress: () => number },
): Promise<Kill[]> {
  const victims = victimsOf(stack);
  const done: Kill[] = [];
  for (let n = 0; n < options.count; n++) {
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    while (options.progress() < (n + 1) / (options.count + 1)) await new Promise((resolve) => setTimeout(resolve, 250));
    const victim = victims[n % victims.length]!;
    say(`kill ${n + 1}/${options.count}: ${victim.victim} (${victim.how})`);
    const killedAt = Date.now();
    await victim.kill();
    await new Promise((resolve) => setTimeout(resolve, DEAD_FOR_MS));
    await victim.restart();
    const downSeconds = (Date.now() - killedAt) / 1000;
    say(`${victim.victim} back after ${downSeconds.toFixed(1)} s`);
    done.push({ victim: victim.victim, how: victim.how, downSeconds });
  }
  return done;
}
