import type { EntityManager } from '@mikro-orm/postgresql';
import { ageingBucket, ageingBuckets, ageInDays } from '../../domain/complaints';
import { finalReturnStatuses } from '../../domain/returns';
import { iso, query, termDueAt, workItem, type PartiesRow, type WorkQueueDefinition } from './work-item';

// The work queues of returns, complaints, refunds and recovery claims (T/QGCML 3125 §4.8,
// §6.4, §7.1): ids and deadlines only, read from the records the processes keep current.

/** §6.4, §4.8: returns the merchant has not decided yet, by approveBy (silence: the platform approves). */
export const returnsAwaitingDecision: WorkQueueDefinition = {
  id: 'returns-awaiting-decision',
  label: 'Returns awaiting the merchant’s decision',
  clause: '§6.4',
  async list(em) {
    const rows = await query<{ id: string; merchant_id: string; carrier_id: string | null; approve_by: Date | null }>(
      em,
      `select id, merchant_id, carrier_id, approve_by from return_request where status = 'requested'
        order by approve_by nulls last limit 500`,
    );
    return rows.map((row) => workItem('return', row, 'requested', iso(row.approve_by)));
  },
};

/**
 * §6.4: goods back with the merchant, not inspected yet. The inspection deadline counts from
 * receipt under the commitments the return started with, as the returnRefund process reads it.
 */
export const returnsAwaitingInspection: WorkQueueDefinition = {
  id: 'returns-awaiting-inspection',
  label: 'Returned goods awaiting inspection',
  clause: '§6.4',
  async list(em) {
    const rows = await query<{
      id: string;
      merchant_id: string;
      carrier_id: string | null;
      received_at: Date;
      commitment_version: number | null;
    }>(
      em,
      `select id, merchant_id, carrier_id, received_at, commitment_version from return_request
        where status = 'received' and inspected_at is null and received_at is not null limit 500`,
    );
    const items = [];
    for (const row of rows) {
      const dueAt = await termDueAt(em, 'returnInspection', new Date(row.received_at), row.commitment_version);
      items.push(workItem('return', row, 'received', dueAt));
    }
    return items;
  },
};

interface ComplaintRow extends PartiesRow {
  party: string;
  status: string;
  party_respond_by: Date | null;
  party_responded_at: Date | null;
  first_response_by: Date;
  first_responded_at: Date | null;
}

const COMPLAINT_COLUMNS = `id, merchant_id, carrier_id, party, status, party_respond_by, party_responded_at,
  first_response_by, first_responded_at`;

/** The deadline a complaint waits on now: the earlier of the party's and the platform's unmet ones. */
function complaintDueAt(row: ComplaintRow): string | null {
  const open = [
    row.party_responded_at === null ? row.party_respond_by : null,
    row.first_responded_at === null ? row.first_response_by : null,
  ].filter((at): at is Date => at !== null);
  if (open.length === 0) return null;
  return new Date(Math.min(...open.map((at) => new Date(at).getTime()))).toISOString();
}

/**
 * Complaints waiting on an answer (`where`), as work items: where each stands and whose
 * answer it waits for, due as `dueAt` says for the queue.
 */
async function complaintsWaiting(em: EntityManager, where: string, dueAt: (row: ComplaintRow) => string | null) {
  const rows = await query<ComplaintRow>(em, `select ${COMPLAINT_COLUMNS} from complaint where ${where} limit 500`);
  return rows.map((row) => workItem('complaint', row, `${row.status} (${row.party})`, dueAt(row)));
}

/** §4.7, §4.8: complaints nobody has answered yet, by the party's (or the platform's) deadline. */
export const complaintsAwaitingResponse: WorkQueueDefinition = {
  id: 'complaints-awaiting-response',
  label: 'Complaints awaiting a response',
  clause: '§4.7, §4.8',
  list: (em) => complaintsWaiting(em, "status in ('awaiting_response', 'reopened')", complaintDueAt),
};

/**
 * §4.8: complaints escalated to staff, who contact the party and answer the consumer. Due is
 * the platform's own first response while it is unmet, else the deadline the party missed.
 */
export const complaintsEscalated: WorkQueueDefinition = {
  id: 'complaints-escalated',
  label: 'Complaints escalated to staff',
  clause: '§4.8',
  list: (em) =>
    complaintsWaiting(em, "status = 'escalated'", (row) =>
      row.first_responded_at === null ? iso(row.first_response_by) : iso(row.party_respond_by),
    ),
};

/**
 * §6.4, §7.1: money the platform owes a consumer and has not moved yet — return refunds by
 * their refund deadline, and compensations awaiting approval or refused by the provider
 * (then by the staff task's deadline).
 */
export const refundsPending: WorkQueueDefinition = {
  id: 'refunds-pending',
  label: 'Refunds and compensations pending',
  clause: '§6.4, §7.1',
  async list(em) {
    const refunds = await query<{ id: string; merchant_id: string; carrier_id: string | null; refund_by: Date }>(
      em,
      `select id, merchant_id, carrier_id, refund_by from return_request
        where refund_by is not null and refunded_at is null and status not in (?) limit 500`,
      [finalReturnStatuses],
    );
    const compensations = await query<{
      id: string;
      merchant_id: string;
      carrier_id: string | null;
      compensation_status: string;
      task_due_at: Date | null;
    }>(
      em,
      `select c.id, c.merchant_id, c.carrier_id, c.compensation->>'status' as compensation_status,
              (select min(t.due_at) from staff_task t
                where t.subject_type = 'complaint' and t.subject_id = c.id::text and t.status = 'open') as task_due_at
         from complaint c where c.compensation->>'status' in ('awaiting_approval', 'paying', 'refused') limit 500`,
    );
    return [
      ...refunds.map((row) => workItem('return', row, 'refund_pending', iso(row.refund_by))),
      ...compensations.map((row) =>
        workItem('complaint', row, `compensation_${row.compensation_status}`, iso(row.task_due_at)),
      ),
    ];
  },
};

/**
 * §4.8: recovery claims past their due date and not settled, with how long they are overdue
 * in the ageing buckets of the recovery report (0–30, 31–60, 61–90, over 90 days).
 */
export const recoveryClaimsOverdue: WorkQueueDefinition = {
  id: 'recovery-claims-overdue',
  label: 'Recovery claims overdue',
  clause: '§4.8',
  async list(em, now) {
    const rows = await query<{
      id: string;
      merchant_id: string | null;
      carrier_id: string | null;
      status: string;
      due_at: Date;
    }>(
      em,
      `select complaint_id as id, merchant_id, carrier_id, status, due_at from recovery_claim
        where status in ('open', 'disputed', 'overdue') and due_at < ? order by due_at limit 500`,
      [now],
    );
    return rows.map((row) => workItem('recoveryClaim', row, row.status, iso(row.due_at)));
  },
  ageing(items, now) {
    const buckets = Object.fromEntries(ageingBuckets.map((bucket) => [bucket, 0])) as Record<string, number>;
    for (const item of items) if (item.dueAt) buckets[ageingBucket(ageInDays(new Date(item.dueAt), now))]! += 1;
    return buckets;
  },
};

export const returnAndComplaintQueues = [
  returnsAwaitingDecision,
  returnsAwaitingInspection,
  complaintsAwaitingResponse,
  complaintsEscalated,
  refundsPending,
  recoveryClaimsOverdue,
];
