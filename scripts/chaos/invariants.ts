// What must hold after the chaos, read from the stack's own records: the database, the
// sandbox gateway's ledger, the SMTP catcher, Temporal's visibility and /readyz.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { verifyAuditChain } from '../../db/audit-verify';
import type { SmtpTestServer } from '../../test/helpers/smtp-test-server';
import type { ChaosOrder, Script } from './order-scripts';

export interface Check {
  name: string;
  checked: number;
  violations: number;
  /** The first few offenders, ids only. */
  examples: string[];
}

const expectedStatus: Record<Script, { status: string; reason: string | null }> = {
  confirm: { status: 'confirmed', reason: null },
  cancel: { status: 'cancelled', reason: 'consumer_cancelled' },
  reject: { status: 'cancelled', reason: 'merchant_rejected' },
};

function check(name: string, checked: number, offenders: string[]): Check {
  return { name, checked, violations: offenders.length, examples: offenders.slice(0, 3) };
}

type Rows<T> = { rows: T[] };

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
      const want = expectedStatus[order.script];
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
            count(*) filter (where type = 'void') as voids,
            count(*) filter (where type in ('refund', 'payout')) as refunds
       from payment_sandbox.transactions group by reference`,
  )) as Rows<{
    reference: string;
    auths: string;
    open_auths: string;
    captures: string;
    voids: string;
    refunds: string;
  }>;
  const money = new Map(ledger.map((row) => [row.reference, row]));
  const offenders = (test: (order: ChaosOrder, row: (typeof ledger)[number] | undefined) => boolean) =>
    placed.filter((order) => test(order, money.get(order.orderId!))).map((order) => order.orderId!);
  const confirmed = (order: ChaosOrder) => stateOf.get(order.orderId!)?.status === 'confirmed';
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
  checks.push(
    check(
      'no refund or payout nobody asked for',
      placed.length,
      offenders((_, row) => Number(row?.refunds ?? 0) !== 0),
    ),
  );
  const strayCaptures = ledger
    .filter((row) => Number(row.captures) > 0 && !byId.has(row.reference))
    .map((row) => row.reference);
  checks.push(check('every capture in the ledger is one of the orders', ledger.length, strayCaptures));

  // §5.3: stock exact, initial − sold (cancelled orders gave theirs back).
  const { rows: stock } = (await knex.raw('select id, stock from product where id = any(?::uuid[])', [
    [...input.stockBefore.keys()],
  ])) as Rows<{ id: string; stock: number }>;
  const stockWrong = stock
    .filter((row) => {
      const sold = placed.filter((order) => order.productId === row.id && confirmed(order)).length;
      return row.stock !== input.stockBefore.get(row.id)! - sold;
    })
    .map((row) => `${row.id}: ${row.stock}`);
  checks.push(check('stock = initial − sold', stock.length, stockWrong));

  checks.push(...mailChecks(input.smtp, byId));
  checks.push(...(await auditChecks(orm, ids)));
  checks.push(...(await workflowChecks(input.temporal, placed.filter(confirmed).length)));
  const ready = await fetch(`${input.apiUrl}/readyz`, { signal: AbortSignal.timeout(10_000) }).then(
    (response) => response.status,
    () => 0,
  );
  checks.push(check('/readyz answers 200 after', 1, ready === 200 ? [] : [`status ${ready}`]));
  return checks;
}

/**
 * Each mail purpose at most once per order, counted where it arrived (the SMTP catcher):
 * two different Message-IDs for one order and purpose are two mails. A copy with the
 * *same* Message-ID is the at-least-once re-send after a crash between the SMTP answer and
 * the mail_delivery record (mail-activities.ts): receivers drop it as a duplicate, so it is
 * counted apart, not as a violation.
 */
function mailChecks(smtp: SmtpTestServer, orders: Map<string, ChaosOrder>): Check[] {
  const messageIds = new Map<string, Set<string>>();
  const copies: string[] = [];
  for (const mail of smtp.received) {
    const messageId = mail.parsed.messageId ?? '';
    const orderId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(messageId)?.[0];
    if (!orderId || !orders.has(orderId)) continue;
    const key = `${orderId} ${String(mail.parsed.headers.get('x-storeops-mail-purpose'))}`;
    const seen = messageIds.get(key) ?? new Set<string>();
    if (seen.has(messageId)) copies.push(key);
    seen.add(messageId);
    messageIds.set(key, seen);
  }
  const twice = [...messageIds.entries()].filter(([, ids]) => ids.size > 1).map(([key, ids]) => `${key} ×${ids.size}`);
  return [
    check('each order mail sent once (one Message-ID per order and purpose)', messageIds.size, twice),
    {
      name: 're-sent copies, same Message-ID (receiver drops them)',
      checked: copies.length,
      violations: 0,
      examples: copies.slice(0, 3),
    },
  ];
}

/** §8.3.5: every audit event joined the chain (none left pending), the chain verifies, one per placement. */
async function auditChecks(orm: MikroORM, orderIds: string[]): Promise<Check[]> {
  const knex = orm.em.getConnection().getKnex();
  const { rows: pending } = (await knex.raw('select count(*) as n from audit_pending')) as Rows<{ n: string }>;
  const verification = await verifyAuditChain(orm.em.fork());
  const { rows: placements } = (await knex.raw(
    `select entity_id, count(*) as n from audit_event
      where action = 'order.place' and entity_id = any(?) group by entity_id`,
    [orderIds],
  )) as Rows<{ entity_id: string; n: string }>;
  const counted = new Map(placements.map((row) => [row.entity_id, Number(row.n)]));
  return [
    check('audit_pending drained', 1, Number(pending[0]?.n) === 0 ? [] : [`${pending[0]?.n} pending`]),
    check('audit chain verifies', verification.eventsChecked, verification.intact ? [] : [String(verification.reason)]),
    check(
      'one order.place audit event per order',
      orderIds.length,
      orderIds.filter((id) => counted.get(id) !== 1).map((id) => `${id} ×${counted.get(id) ?? 0}`),
    ),
  ];
}

/** No workflow stuck or failed: order processes all closed, handovers waiting for the merchant's slip. */
async function workflowChecks(temporal: Client, confirmedCount: number): Promise<Check[]> {
  const count = async (query: string) => (await temporal.workflow.count(query)).count;
  const openOrders = await count(`WorkflowType = 'orderConfirmationWorkflow' AND ExecutionStatus = 'Running'`);
  const closedOrders = await count(`WorkflowType = 'orderConfirmationWorkflow' AND ExecutionStatus = 'Completed'`);
  const waitingHandovers = await count(`WorkflowType = 'deliveryHandoverWorkflow' AND ExecutionStatus = 'Running'`);
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
      'one handover waiting per confirmed order',
      confirmedCount,
      waitingHandovers === confirmedCount ? [] : [`${waitingHandovers} running`],
    ),
    check('no workflow failed, timed out or terminated', closedOrders, failed),
  ];
}
