// After the load and the kills: waits until every order has been decided in the
// database, the order workflows have all closed, every handover not delivered is waiting
// (the delivered ones closed), every return process has closed and no audit event is
// pending, or the time is up (then the checks say what is still stuck). The complaints
// need no wait: their scripts end once the compensation is paid, and the process then
// waits for the merchant's recovery claim by design.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { ChaosOrder } from './order-scripts';
import { ORDER_CONFIRMATION_WORKFLOW } from '../../workflows/order/order-confirmation.definitions';
import { DELIVERY_HANDOVER_WORKFLOW } from '../../workflows/delivery/delivery-handover.definitions';
import { RETURN_REFUND_WORKFLOW } from '../../workflows/returns/return-refund.definitions';

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
  let lastSaid = started;
  let state = 'nothing read yet';
  while (Date.now() - started < options.timeoutMs) {
    const settled = await (async () => {
      const { rows } = (await knex.raw(
        `select count(*) filter (where status = 'awaiting_confirmation') as undecided,
                count(*) filter (where status in ('confirmed', 'handed_over', 'in_transit', 'delivered')) as confirmed,
                (select count(*) from audit_pending) as pending
           from customer_order where id = any(?::uuid[])`,
        [ids],
      )) as { rows: Array<{ undecided: string; confirmed: string; pending: string }> };
      const row = rows[0]!;
      state = `${row.undecided} orders undecided, ${row.pending} audit events pending`;
      if (Number(row.undecided) > 0 || Number(row.pending) > 0) return false;
      const openOrders = await count(`WorkflowType = '${ORDER_CONFIRMATION_WORKFLOW}' AND ExecutionStatus = 'Running'`);
      const handovers = await count(`WorkflowType = '${DELIVERY_HANDOVER_WORKFLOW}' AND ExecutionStatus = 'Running'`);
      const returns = await count(`WorkflowType = '${RETURN_REFUND_WORKFLOW}' AND ExecutionStatus = 'Running'`);
      state += `, ${openOrders} order workflows running, ${handovers}/${row.confirmed} handovers waiting`;
      state += `, ${returns} returns running`;
      return openOrders === 0 && handovers === Number(row.confirmed) && returns === 0;
    })().catch((error: unknown) => {
      state = `cannot read: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    });
    if (settled) return { settled: true, seconds: (Date.now() - started) / 1000 };
    if (Date.now() - lastSaid > 30_000) {
      console.log(`[chaos] not settled yet: ${state}`);
      lastSaid = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return { settled: false, seconds: (Date.now() - started) / 1000 };
}
