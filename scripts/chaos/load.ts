// The chaos run's load, so that every order is a process in flight at once: all placed
// first, then all decided while, in lanes of their own, a share of the confirmed ones is
// followed up as soon as its decision is in (handed over and delivered, then returned or
// complained about) — a follow-up's chain of calls and waits overlaps the decisions
// instead of trailing after them. Progress weighs each step by its calls, so the kills
// spread over all of it.
import type { ChaosParties } from './chaos-parties';
import { complainAndCompensate } from './complaint-scripts';
import { handOver } from './handover-scripts';
import { decideOrder, inParallel, placeOrder, type ChaosOrder } from './order-scripts';
import { returnAndRefund } from './return-scripts';

export interface Load {
  /** Share of the work done, 0 to 1. */
  progress(): number;
  run(say: (message: string) => void): Promise<{ peakInFlight: number }>;
}

/** Roughly the calls and waits of each step, relative to placing one order. */
const WEIGHT = { place: 1, decide: 1, handover: 4, return: 5, complain: 3 } as const;

export function chaosLoad(parties: ChaosParties, orders: ChaosOrder[], concurrency: number): Load {
  const weightOf = (order: ChaosOrder) =>
    WEIGHT.place +
    WEIGHT.decide +
    (order.followUp ? WEIGHT.handover : 0) +
    (order.followUp === 'return' ? WEIGHT.return : 0) +
    (order.followUp === 'complain' ? WEIGHT.complain : 0);
  const total = orders.reduce((sum, order) => sum + weightOf(order), 0);
  let done = 0;
  // A script that failed never adds its weight: once all have played, the kills go on anyway.
  let finished = false;
  const step = async (weight: number, work: Promise<void>) => {
    await work;
    done += weight;
  };
  const followUp = async (order: ChaosOrder) => {
    await step(WEIGHT.handover, handOver(parties, order));
    if (order.followUp === 'return') await step(WEIGHT.return, returnAndRefund(parties, order));
    if (order.followUp === 'complain') await step(WEIGHT.complain, complainAndCompensate(parties, order));
  };
  return {
    progress: () => (finished ? 1 : done / total),
    async run(say) {
      const started = Date.now();
      const at = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
      say(`placing ${orders.length} orders, ${concurrency} at a time`);
      await inParallel(orders, concurrency, (order) => step(WEIGHT.place, placeOrder(parties.api, order)));
      const placed = orders.filter((order) => order.orderId);
      const counts = (['deliver', 'return', 'complain'] as const).map(
        (kind) => `${placed.filter((order) => order.followUp === kind).length} ${kind}`,
      );
      say(
        `${at()}: ${placed.length} orders waiting for a decision; deciding them, and following up (${counts.join(', ')})`,
      );
      const decided = new Map<ChaosOrder, () => void>();
      const decisions = new Map(
        placed.map((order) => [order, new Promise<void>((resolve) => decided.set(order, resolve))]),
      );
      await Promise.all([
        inParallel(placed, concurrency, async (order) => {
          await step(WEIGHT.decide, decideOrder(parties.api, order)).finally(decided.get(order));
        }),
        inParallel(
          placed.filter((order) => order.followUp),
          concurrency,
          async (order) => {
            await decisions.get(order);
            if (!order.failure) await followUp(order);
          },
        ),
      ]);
      finished = true;
      const failed = orders.filter((order) => order.failure);
      say(`${at()}: every script played, ${failed.length} failed`);
      for (const order of failed.slice(0, 5))
        say(`  #${order.index} ${order.followUp ?? order.script}: ${order.failure}`);
      return { peakInFlight: placed.length };
    },
  };
}
