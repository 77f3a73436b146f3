// The chaos run's load, in phases so that every order is a process in flight at once:
// all placed first, then all decided, then the follow-ups of the confirmed ones, each in
// its own lane (handed over and delivered, then returned or complained about). Progress
// counts every step, so the kills spread over all of it.
import type { ChaosParties } from './chaos-parties';
import { complainAndCompensate } from './complaint-scripts';
import { handOver } from './handover-scripts';
import { decideOrder, inParallel, placeOrder, type ChaosOrder } from './order-scripts';
import { returnAndRefund } from './return-scripts';

export interface Load {
  /** Share of the steps done, 0 to 1. */
  progress(): number;
  run(say: (message: string) => void): Promise<{ peakInFlight: number }>;
}

export function chaosLoad(parties: ChaosParties, orders: ChaosOrder[], concurrency: number): Load {
  const followed = orders.filter((order) => order.followUp);
  const total = 2 * orders.length + followed.length + followed.filter((order) => order.followUp !== 'deliver').length;
  let done = 0;
  const step = async (work: Promise<void>) => {
    await work;
    done += 1;
  };
  return {
    progress: () => done / total,
    async run(say) {
      say(`placing ${orders.length} orders, ${concurrency} at a time`);
      await inParallel(orders, concurrency, (order) => step(placeOrder(parties.api, order)));
      const placed = orders.filter((order) => order.orderId);
      say(`${placed.length} orders waiting for a decision; deciding them`);
      await inParallel(placed, concurrency, (order) => step(decideOrder(parties.api, order)));
      const counts = (['deliver', 'return', 'complain'] as const).map(
        (kind) => `${followed.filter((order) => order.followUp === kind).length} ${kind}`,
      );
      say(`handing over ${followed.length} confirmed orders (${counts.join(', ')})`);
      await inParallel(
        followed.filter((order) => order.orderId),
        concurrency,
        async (order) => {
          await step(handOver(parties, order));
          if (order.followUp === 'return') await step(returnAndRefund(parties, order));
          if (order.followUp === 'complain') await step(complainAndCompensate(parties, order));
        },
      );
      return { peakInFlight: placed.length };
    },
  };
}
