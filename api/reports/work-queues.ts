import type { EntityManager } from '@mikro-orm/postgresql';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import { serviceDeadlines } from '../../domain/service-deadlines';
import { handoverWorkflowId } from '../../workflows/delivery/delivery-handover.definitions';
import { orderWorkflowId } from '../../workflows/order/order-confirmation.definitions';
import { returnAndComplaintQueues } from './return-complaint-queues';

/** One piece of waiting work: ids only (no personal data), its deadline and its process. */
export interface WorkItem {
  subjectId: string;
  merchantId: string | null;
  carrierId: string | null;
  state: string;
  dueAt: string | null;
  /** Negative once overdue; null without a deadline. */
  secondsLeft: number | null;
  workflowId: string;
  /** The item's API resource (GET), beside its process in the Temporal UI. */
  resource: string;
}

/**
 * A work queue of the console and of GET /reports/work-queues. A process adds its own
 * queue with one entry in `workQueues` below: an id, a label, and a query listing what
 * waits, with the deadline of each item, and optionally its ageing (returns, complaints,
 * refunds and recovery claims keep theirs in return-complaint-queues.ts).
 */
export interface WorkQueueDefinition {
  id: string;
  label: string;
  clause: string;
  list(em: EntityManager, now: Date): Promise<Omit<WorkItem, 'secondsLeft'>[]>;
  /** A queue that ages (recovery claims): its items counted per bucket of days overdue. */
  ageing?(items: Omit<WorkItem, 'secondsLeft'>[], now: Date): Record<string, number>;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** §4.7: orders the merchant has not confirmed yet, by their confirmation deadline. */
const awaitingConfirmation: WorkQueueDefinition = {
  id: 'orders-awaiting-confirmation',
  label: 'Orders awaiting confirmation',
  clause: '§4.7',
  async list(em) {
    const rows = (await em.getConnection().execute(
      `select id, merchant_id, confirm_by from customer_order where status = 'awaiting_confirmation'
        order by confirm_by nulls last limit 500`,
    )) as Array<{ id: string; merchant_id: string; confirm_by: Date | null }>;
    return rows.map((row) => ({
      subjectId: row.id,
      merchantId: row.merchant_id,
      carrierId: null,
      state: 'awaiting_confirmation',
      dueAt: iso(row.confirm_by),
      workflowId: orderWorkflowId(row.id),
      resource: `/orders/${row.id}`,
    }));
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
    const rows = (await em.getConnection().execute(
      `select o.id, o.merchant_id, s.carrier_id, s.merchant_signature is not null as merchant_signed,
              s.carrier_signature is not null as carrier_signed, s.id as slip_id,
              (select min(e.occurred_at) from order_event e where e.order_id = o.id and e.type = 'confirmed') as confirmed_at
         from customer_order o left join handover_slip s on s.order_id = o.id
        where o.status = 'confirmed' limit 500`,
    )) as Array<{
      id: string;
      merchant_id: string;
      carrier_id: string | null;
      slip_id: string | null;
      merchant_signed: boolean | null;
      carrier_signed: boolean | null;
      confirmed_at: Date | null;
    }>;
    const commitments = em.getRepository(ServiceCommitmentVersion);
    const items = [];
    for (const row of rows) {
      const confirmedAt = row.confirmed_at ? new Date(row.confirmed_at) : null;
      const inForce = confirmedAt ? await commitments.inForceAt(confirmedAt) : null;
      const holidays = confirmedAt ? await em.getRepository(HolidayYearVersion).calendarInForceAt(confirmedAt) : null;
      const dueAt =
        confirmedAt && inForce && holidays
          ? serviceDeadlines(
              { version: inForce.version, terms: inForce.parsedCommitments() },
              confirmedAt,
              ['handover'] as const,
              holidays,
            ).deadlines.handover
          : null;
      const state = !row.slip_id
        ? 'no_slip'
        : !row.merchant_signed
          ? 'awaiting_merchant_signature'
          : 'awaiting_courier_signature';
      items.push({
        subjectId: row.id,
        merchantId: row.merchant_id,
        carrierId: row.carrier_id,
        state,
        dueAt,
        workflowId: handoverWorkflowId(row.id),
        resource: `/orders/${row.id}`,
      });
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
