// After the load and the kills: waits until every order has been decided in the
// database, the order workflows have all closed, every handover is waiting and no audit
// event is pending, or the time is up (then the checks say what is still stuck).
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { ChaosOrder } from './order-scripts';

export async function waitToSettle(options: {
  orm: MikroORM;
  temporal: Client;
  orders: ChaosOrder[];
  timeoutMs: number;
}): Promise<{ settled: boolean; seconds: number }> {
  const started = Date.now();
  const ids = options.orders.filter((order) => order.orderId).map((order) => order.orderId!);
  const knex = options.orm.em.getConnection().getKnex();
  const count = async (query: string) => (await options.temporal.workflow.count(query)).count;
  while (Date.now() - started < options.timeoutMs) {
    const settled = await (async () => {
      const { rows } = (await knex.raw(
        `select count(*) filter (where status not in ('confirmed', 'cancelled')) as undecided,
                count(*) filter (where status = 'confirmed') as confirmed,
                (select count(*) from audit_pending) as pending
           from customer_order where id = any(?::uuid[])`,
        [ids],
      )) as { rows: Array<{ undecided: string; confirmed: string; pending: string }> };
      const row = rows[0]!;
      if (Number(row.undecided) > 0 || Number(row.pending) > 0) return false;
      const openOrders = await count(`WorkflowType = 'orderConfirmationWorkflow' AND ExecutionStatus = 'Running'`);
      const handovers = await count(`WorkflowType = 'deliveryHandoverWorkflow' AND ExecutionStatus = 'Running'`);
      return openOrders === 0 && handovers === Number(row.confirmed);
    })().catch(() => false);
    if (settled) return { settled: true, seconds: (Date.now() - started) / 1000 };
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return { settled: false, seconds: (Date.now() - started) / 1000 };
}
