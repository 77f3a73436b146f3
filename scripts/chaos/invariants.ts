// What must hold after the chaos, read from the stack's own records: the database, the
// sandbox gateway's ledger, the SMTP catcher, Temporal's visibility and /readyz.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { verifyAuditChain } from '../../db/audit-verify';
import type { SmtpTestServer } from '../../test/helpers/smtp-test-server';
import { check, type Check, type Rows } from './check';
import { followUpChecks } from './follow-up-checks';
import type { ChaosOrder } from './order-scripts';
import { ORDER_CONFIRMATION_WORKFLOW } from '../../workflows/order/order-confirmation.definitions';
import { DELIVERY_HANDOVER_WORKFLOW } from '../../workflows/delivery/delivery-handover.definitions';
import { RETURN_REFUND_WORKFLOW } from '../../workflows/returns/return-refund.definitions';
import { COMPLAINT_ESCALATION_WORKFLOW } from '../../workflows/complaints/complaint-escalation.definitions';

export type { Check } from './check';

/** A confirmed order handed over (whatever follows) ends `completed`; one not, `confirmed`. */
function expectedStatus(order: ChaosOrder): { status: string; reason: string | null } {
  if (order.script === 'cancel') return { status: 'cancelled', reason: 'consumer_cancelled' };
  if (order.script === 'reject') return { status: 'cancelled', reason: 'merchant_rejected' };
  return { status: order.followUp ? 'completed' : 'confirmed', reason: null };
}

export async function checkInvariants(input: {
  orm: MikroORM;
  temporal: Client;
  smtp: SmtpTestServer;
  apiUrl: string;
  orders: ChaosOrder[];
  stockBefore: Map<string, number>;
}): Promise<Check[]> {
  const { orm, orders } = input;
  const knex = orm.em.getConnection().getKnex();
  const placed = orders.filter((order) => order.orderId);
  const ids = placed.map((order) => order.orderId!);
  const byId = new Map(placed.map((order) => [order.orderId!, order]));
  const checks: Check[] = [];

  // §4.7: every process reached the state its script asked for.
  const { rows: states } = (await knex.raw(
    'select id, status, cancel_reason from customer_order where id = any(?::uuid[])',
    [ids],
  )) as Rows<{ id: string; status: string; cancel_reason: string | null }>;
  const stateOf = new Map(states.map((row) => [row.id, row]));
  const wrong = orders
    .filter((order) => {
      const row = order.orderId ? stateOf.get(order.orderId) : undefined;
      const want = expectedStatus(order);
      return order.failure || !row || row.status !== want.status || (row.cancel_reason ?? null) !== want.reason;
    })
    .map((order) => `#${order.index} ${order.script}: ${order.failure ?? JSON.stringify(stateOf.get(order.orderId!))}`);
  checks.push(check('order reached its script’s state', orders.length, wrong));

  // The gateway's ledger, per order (reference = order id).
  const { rows: ledger } = (await knex.raw(
    `select reference,
            count(*) filter (where type = 'authorization' and status <> 'declined') as auths,
            count(*) filter (where type = 'authorization' and status = 'authorized') as open_auths,
            count(*) filter (where type = 'capture') as captures,
            count(*) filter (where type = 'void') as voids
       from payment_sandbox.transactions group by reference`,
  )) as Rows<{
    reference: string;
    auths: string;
    open_auths: string;
    captures: string;
    voids: string;
  }>;
  const money = new Map(ledger.map((row) => [row.reference, row]));
  const offenders = (test: (order: ChaosOrder, row: (typeof ledger)[number] | undefined) => boolean) =>
    placed.filter((order) => test(order, money.get(order.orderId!))).map((order) => order.orderId!);
  /** Confirmed, whatever came after (handed over … completed): captured, its stock sold. */
  const confirmed = (order: ChaosOrder) =>
    !['awaiting_confirmation', 'cancelled', undefined].includes(stateOf.get(order.orderId!)?.status);
  checks.push(
    check(
      'exactly one authorisation per order',
      placed.length,
      offenders((_, row) => Number(row?.auths) !== 1),
    ),
  );
  checks.push(
    check(
      'confirmed captured exactly once, cancelled never',
      placed.length,
      offenders((order, row) => Number(row?.captures ?? 0) !== (confirmed(order) ? 1 : 0)),
    ),
  );
  checks.push(
    check(
      'cancelled voided exactly once (no orphan authorisation)',
      placed.length,
      offenders(
        (order, row) => !confirmed(order) && (Number(row?.voids ?? 0) !== 1 || Number(row?.open_auths ?? 0) !== 0),
      ),
    ),
  );
  checks.push(...(await followUpChecks(knex, placed)));
  const strayCaptures = ledger
    .filter((row) => Number(row.captures) > 0 && !byId.has(row.reference))
    .map((row) => row.reference);
  checks.push(check('every capture in the ledger is one of the orders', ledger.length, strayCaptures));

  // §5.3: stock exact, initial − sold (cancelled orders gave theirs back) + returned as new (§6.4).
  const { rows: stock } = (await knex.raw('select id, stock from product where id = any(?::uuid[])', [
    [...input.stockBefore.keys()],
  ])) as Rows<{ id: string; stock: number }>;
  const { rows: restocked } = (await knex.raw(
    `select l.product_id, sum(l.accepted) as n from return_line l join return_request r on r.id = l.return_request_id
      where r.order_id = any(?::uuid[]) and l.condition = 'as_new' group by l.product_id`,
    [ids],
  )) as Rows<{ product_id: string; n: string }>;
  const back = new Map(restocked.map((row) => [row.product_id, Number(row.n)]));
  const stockWrong = stock
    .filter((row) => {
      const sold = placed.filter((order) => order.productId === row.id && confirmed(order)).length;
      return row.stock !== input.stockBefore.get(row.id)! - sold + (back.get(row.id) ?? 0);
    })
    .map((row) => `${row.id}: ${row.stock}`);
  checks.push(check('stock = initial − sold + returned as new', stock.length, stockWrong));

  const subjects = new Set(
    placed.flatMap((order) => [order.orderId!, order.returnId, order.complaintId].filter((id) => id !== undefined)),
  );
  checks.push(...mailChecks(input.smtp, subjects));
  checks.push(...(await auditChecks(orm, placed)));
  const waiting = placed.filter((order) => stateOf.get(order.orderId!)?.status === 'confirmed').length;
  checks.push(...(await workflowChecks(input.temporal, waiting, placed)));
  const ready = await fetch(`${input.apiUrl}/readyz`, { signal: AbortSignal.timeout(10_000) }).then(
    (response) => response.status,
    () => 0,
  );
  checks.push(check('/readyz answers 200 after', 1, ready === 200 ? [] : [`status ${ready}`]));
  return checks;
}

/**
 * Each mail purpose at most once per order, return or complaint, counted where it arrived (the SMTP catcher):
 * two different Message-IDs for one order and purpose are two mails. A copy with the
 * *same* Message-ID is the at-least-once re-send after a crash between the SMTP answer and
 * the mail_delivery record (mail-activities.ts): receivers drop it as a duplicate, so it is
 * counted apart, not as a violation.
 */
function mailChecks(smtp: SmtpTestServer, subjects: Set<string>): Check[] {
  const messageIds = new Map<string, Set<string>>();
  const copies: string[] = [];
  for (const mail of smtp.received) {
    const messageId = mail.parsed.messageId ?? '';
    const subject = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(messageId)?.[0];
    if (!subject || !subjects.has(subject)) continue;
    const key = `${subject} ${String(mail.parsed.headers.get('x-storeops-mail-purpose'))}`;
    const seen = messageIds.get(key) ?? new Set<string>();
    if (seen.has(messageId)) copies.push(key);
    seen.add(messageId);
    messageIds.set(key, seen);
  }
  const twice = [...messageIds.entries()].filter(([, ids]) => ids.size > 1).map(([key, ids]) => `${key} ×${ids.size}`);
  return [
    check('each mail sent once (one Message-ID per order/return/complaint and purpose)', messageIds.size, twice),
    {
      name: 're-sent copies, same Message-ID (receiver drops them)',
      checked: copies.length,
      violations: 0,
      examples: copies.slice(0, 3),
    },
  ];
}

/**
 * §8.3.5: every audit event joined the chain (none left pending), the chain verifies, and
 * one event per thing created: each order placed, each return asked for, each complaint
 * filed (a second one would be a duplicate record from a retried request; a missing one, a
 * record committed without its event).
 */
async function auditChecks(orm: MikroORM, placed: ChaosOrder[]): Promise<Check[]> {
  const knex = orm.em.getConnection().getKnex();
  const { rows: pending } = (await knex.raw('select count(*) as n from audit_pending')) as Rows<{ n: string }>;
  const verification = await verifyAuditChain(orm.em.fork());
  const onePer = async (action: string, entityIds: string[], detailsOrder = false) => {
    const { rows } = (await knex.raw(
      detailsOrder
        ? `select details->>'orderId' as id, count(*) as n from audit_event
            where action = ? and details->>'orderId' = any(?) group by 1`
        : `select entity_id as id, count(*) as n from audit_event where action = ? and entity_id = any(?) group by 1`,
      [action, entityIds],
    )) as Rows<{ id: string; n: string }>;
    const counted = new Map(rows.map((row) => [row.id, Number(row.n)]));
    const wrong = entityIds.filter((id) => counted.get(id) !== 1).map((id) => `${id} ×${counted.get(id) ?? 0}`);
    return check(`one ${action} audit event per ${detailsOrder ? 'scripted order' : 'order'}`, entityIds.length, wrong);
  };
  const orderIdsOf = (kind: ChaosOrder['followUp']) =>
    placed.filter((order) => order.followUp === kind).map((order) => order.orderId!);
  return [
    check('audit_pending drained', 1, Number(pending[0]?.n) === 0 ? [] : [`${pending[0]?.n} pending`]),
    check('audit chain verifies', verification.eventsChecked, verification.intact ? [] : [String(verification.reason)]),
    await onePer(
      'order.place',
      placed.map((order) => order.orderId!),
    ),
    await onePer('return.request', orderIdsOf('return'), true),
    await onePer('complaint.file', orderIdsOf('complain'), true),
  ];
}

/**
 * No workflow stuck or failed: order processes all closed; handovers waiting for the slip
 * where the order stayed confirmed (the delivered ones closed); return processes closed
 * once refunded; complaint processes waiting for the merchant's recovery claim.
 */
async function workflowChecks(temporal: Client, waitingCount: number, placed: ChaosOrder[]): Promise<Check[]> {
  const count = async (query: string) => (await temporal.workflow.count(query)).count;
  const running = (type: string) => count(`WorkflowType = '${type}' AND ExecutionStatus = 'Running'`);
  const openOrders = await running(ORDER_CONFIRMATION_WORKFLOW);
  const closedOrders = await count(`WorkflowType = '${ORDER_CONFIRMATION_WORKFLOW}' AND ExecutionStatus = 'Completed'`);
  const waitingHandovers = await running(DELIVERY_HANDOVER_WORKFLOW);
  const openReturns = await running(RETURN_REFUND_WORKFLOW);
  const closedReturns = await count(`WorkflowType = '${RETURN_REFUND_WORKFLOW}' AND ExecutionStatus = 'Completed'`);
  const openComplaints = await running(COMPLAINT_ESCALATION_WORKFLOW);
  const returns = placed.filter((order) => order.followUp === 'return').length;
  const complaints = placed.filter((order) => order.followUp === 'complain').length;
  const failed: string[] = [];
  const failedQuery = `ExecutionStatus = 'Failed' OR ExecutionStatus = 'TimedOut' OR ExecutionStatus = 'Terminated'`;
  for await (const execution of temporal.workflow.list({ query: failedQuery }))
    failed.push(`${execution.type} ${execution.workflowId} ${execution.status.name}`);
  return [
    check(
      'order workflows completed (none running)',
      closedOrders + openOrders,
      openOrders ? [`${openOrders} running`] : [],
    ),
    check(
      'one handover waiting per order still confirmed',
      waitingCount,
      waitingHandovers === waitingCount ? [] : [`${waitingHandovers} running`],
    ),
    check(
      'return processes completed once refunded',
      returns,
      openReturns === 0 && closedReturns === returns ? [] : [`${openReturns} running, ${closedReturns} completed`],
    ),
    check(
      'one complaint process waiting (recovery claim) per complaint',
      complaints,
      openComplaints === complaints ? [] : [`${openComplaints} running`],
    ),
    check('no workflow failed, timed out or terminated', closedOrders, failed),
  ];
}
