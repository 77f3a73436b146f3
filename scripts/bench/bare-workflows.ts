// The bare baseline's workflows (scripts/bench-orders.ts): the least Temporal work an
// order needs, so the benchmark can tell the platform's own cost from the engine's.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createBareActivities } from './bare-activities';
import { bareConfirmUpdate, type BareSagaInput } from './bare-definitions';

const { step } = proxyActivities<ReturnType<typeof createBareActivities>>({ startToCloseTimeout: '30 seconds' });

/** What `POST /bare/orders` starts: nothing to do. */
export async function bareNoopWorkflow(): Promise<void> {}

/** The order workflow's shape without its work: N activities, one update, M activities. */
export async function bareSagaWorkflow(input: BareSagaInput): Promise<string> {
  let confirmed = false;
  let done = false;
  setHandler(bareConfirmUpdate, async () => {
    confirmed = true;
    await condition(() => done);
    return 'confirmed';
  });
  for (let i = 0; i < input.before; i++) await step();
  await condition(() => confirmed);
  for (let i = 0; i < input.after; i++) await step();
  done = true;
  return 'confirmed';
}
