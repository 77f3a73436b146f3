import type { EntityManager } from '@mikro-orm/postgresql';
import { returnAndComplaintQueues } from './return-complaint-queues';
import { iso, query, termDueAt, workItem, type WorkQueueDefinition } from './work-item';

// The queues of orders and handovers; those of returns, complaints, refunds and recovery
// claims are in return-complaint-queues.ts. Each lists what waits, by its deadline.

/** §4.7: orders the merchant has not confirmed yet, by their confirmation deadline. */
const awaitingConfirmation: WorkQueueDefinition = {
  id: 'orders-awaiting-confirmation',
  label: 'Orders awaiting confirmation',
  clause: '§4.7',
  async list(em) {
    const rows = await query<{ id: string; merchant_id: string; confirm_by: Date | null }>(
      em,
      `select id, merchant_id, confirm_by from customer_order where status = 'awaiting_confirmation'
        order by confirm_by nulls last limit 500`,
    );
    return rows.map((row) => workItem('order', row, 'awaiting_confirmation', iso(row.confirm_by)));
  },
};

/**
 * §6.2.2: confirmed orders whose slip is missing or not signed by both, by the handover
 * deadline (the commitments in force at confirmation, as the handover process reads them).
 */
const unsignedSlips: WorkQueueDefinition = {
  id: 'unsigned-slips',
  label: 'Handover slips not signed by both',
  clause: '§6.2.2',
  async list(em) {
    const rows = await query<{
      id: string;
      merchant_id: string;
      carrier_id: string | null;
      slip_id: string | null;
      merchant_signed: boolean | null;
      confirmed_at: Date | null;
    }>(
      em,
      `select o.id, o.merchant_id, s.carrier_id, s.merchant_signature is not null as merchant_signed, s.id as slip_id,
              (select min(e.occurred_at) from order_event e where e.order_id = o.id and e.type = 'confirmed') as confirmed_at
         from customer_order o left join handover_slip s on s.order_id = o.id
        where o.status = 'confirmed' and (s.merchant_signature is null or s.carrier_signature is null) limit 500`,
    );
    const items = [];
    for (const row of rows) {
      const dueAt = row.confirmed_at ? await termDueAt(em, 'handover', new Date(row.confirmed_at)) : null;
      const state = !row.slip_id
        ? 'no_slip'
        : !row.merchant_signed
          ? 'awaiting_merchant_signature'
          : 'awaiting_courier_signature';
      items.push(workItem('handover', row, state, dueAt));
    }
    return items;
  },
};

export const workQueues: WorkQueueDefinition[] = [awaitingConfirmation, unsignedSlips, ...returnAndComplaintQueues];

/** Every queue (or one), each sorted by time left: the most urgent first, overdue on top. */
export async function listWorkQueues(em: EntityManager, now: Date, only?: string) {
  const chosen = workQueues.filter((queue) => only === undefined || queue.id === only);
  const result = [];
  for (const queue of chosen) {
    const listed = await queue.list(em, now);
    const items = listed
      .map((item) => ({
        ...item,
        secondsLeft: item.dueAt === null ? null : Math.round((Date.parse(item.dueAt) - now.getTime()) / 1000),
      }))
      .sort((a, b) => (a.secondsLeft ?? Infinity) - (b.secondsLeft ?? Infinity));
    const ageing = queue.ageing?.(listed, now);
    result.push({ id: queue.id, label: queue.label, clause: queue.clause, ...(ageing ? { ageing } : {}), items });
  }
  return result;
}
