import type { EntityManager } from '@mikro-orm/postgresql';
import { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import type { ServiceTerm } from '../../domain/service-commitments';
import { complaintWorkflowId } from '../../workflows/complaints/complaint-escalation.definitions';
import { recoveryClaimWorkflowId } from '../../workflows/complaints/recovery-claim.definitions';
import { handoverWorkflowId } from '../../workflows/delivery/delivery-handover.definitions';
import { orderWorkflowId } from '../../workflows/order/order-confirmation.definitions';
import { returnWorkflowId } from '../../workflows/returns/return-refund.definitions';

// What every work queue (work-queues.ts, return-complaint-queues.ts) builds its items from:
// its rows, the process an item waits in, and the deadline of a term counted from a date.

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

export type ListedWorkItem = Omit<WorkItem, 'secondsLeft'>;

/**
 * A work queue of the console and of GET /reports/work-queues. A process adds its own
 * queue with one entry in `workQueues` (work-queues.ts): an id, a label, and a query listing
 * what waits, with the deadline of each item, and optionally its ageing.
 */
export interface WorkQueueDefinition {
  id: string;
  label: string;
  clause: string;
  list(em: EntityManager, now: Date): Promise<ListedWorkItem[]>;
  /** A queue that ages (recovery claims): its items counted per bucket of days overdue. */
  ageing?(items: ListedWorkItem[], now: Date): Record<string, number>;
}

export const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A queue's rows, read with plain SQL (snake_case columns as the table names them). */
export const query = async <T>(em: EntityManager, sql: string, args: unknown[] = []) =>
  (await em.getConnection().execute(sql, args)) as T[];

/** The parties a row names: the record's id, its merchant and (when there is one) its carrier. */
export interface PartiesRow {
  id: string;
  merchant_id: string | null;
  carrier_id?: string | null;
}

/** The process an item waits in, and the API resource that shows it. */
const processes = {
  order: { workflowId: orderWorkflowId, resource: (id: string) => `/orders/${id}` },
  handover: { workflowId: handoverWorkflowId, resource: (id: string) => `/orders/${id}` },
  return: { workflowId: returnWorkflowId, resource: (id: string) => `/returns/${id}` },
  complaint: { workflowId: complaintWorkflowId, resource: (id: string) => `/complaints/${id}` },
  recoveryClaim: { workflowId: recoveryClaimWorkflowId, resource: (id: string) => `/complaints/${id}` },
};

export function workItem(
  process: keyof typeof processes,
  row: PartiesRow,
  state: string,
  dueAt: string | null,
): ListedWorkItem {
  const { workflowId, resource } = processes[process];
  return {
    subjectId: row.id,
    merchantId: row.merchant_id,
    carrierId: row.carrier_id ?? null,
    state,
    dueAt,
    workflowId: workflowId(row.id),
    resource: resource(row.id),
  };
}

/**
 * When `term` falls due, counted from `from` on the calendar in force then, under the
 * commitments version the process started with (`version`), or else those in force at `from`
 * — as the process itself reads them. Null when no commitments are published.
 */
export async function termDueAt(
  em: EntityManager,
  term: ServiceTerm,
  from: Date,
  version: number | null = null,
): Promise<string | null> {
  const commitments = em.getRepository(ServiceCommitmentVersion);
  const resolved =
    (version !== null ? await commitments.deadlinesFrom(from, [term], version) : null) ??
    (await commitments.deadlinesFrom(from, [term]));
  return resolved?.deadlines[term] ?? null;
}
