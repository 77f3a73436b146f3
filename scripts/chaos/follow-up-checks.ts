// What must hold of the follow-ups after the chaos: each scripted return refunded once, of
// the accepted goods plus the delivery fee (§6.4, §7.1.2), and each scripted complaint
// compensated once (§4.8) — in the platform's records and in the gateway's ledger, where
// refunds carry the order id and payouts `complaint:<id>` as reference. Nothing for the
// orders whose script asked for none.
import type { Knex } from '@mikro-orm/postgresql';
import { check, type Check, type Rows } from './check';
import { COMPENSATION_AMOUNT } from './complaint-scripts';
import type { ChaosOrder } from './order-scripts';

export async function followUpChecks(knex: Knex, placed: ChaosOrder[]): Promise<Check[]> {
  const ids = placed.map((order) => order.orderId!);
  const { rows: returns } = (await knex.raw(
    `select r.order_id, r.status, r.refund_amount, o.goods_amount + o.delivery_fee as expected
       from return_request r join customer_order o on o.id = r.order_id where r.order_id = any(?::uuid[])`,
    [ids],
  )) as Rows<{ order_id: string; status: string; refund_amount: number | null; expected: number }>;
  const { rows: complaints } = (await knex.raw(
    `select id, order_id, status, compensation from complaint where order_id = any(?::uuid[])`,
    [ids],
  )) as Rows<{
    id: string;
    order_id: string;
    status: string;
    compensation: { status?: string; amount?: number } | null;
  }>;
  const { rows: money } = (await knex.raw(
    `select reference, type, count(*) as n, sum(amount) as amount from payment_sandbox.transactions
      where type in ('refund', 'payout') group by reference, type`,
  )) as Rows<{ reference: string; type: 'refund' | 'payout'; n: string; amount: string }>;
  const moved = new Map(money.map((row) => [`${row.type} ${row.reference}`, row]));
  const returnsOf = (order: ChaosOrder) => returns.filter((row) => row.order_id === order.orderId);
  const complaintsOf = (order: ChaosOrder) => complaints.filter((row) => row.order_id === order.orderId);
  const wants = (kind: ChaosOrder['followUp']) => (order: ChaosOrder) => order.followUp === kind;

  const returnWrong = placed
    .filter((order) => {
      const rows = returnsOf(order);
      if (!wants('return')(order)) return rows.length > 0;
      const [row] = rows;
      return rows.length !== 1 || row!.status !== 'refunded' || row!.refund_amount !== Number(row!.expected);
    })
    .map((order) => `${order.orderId}: ${JSON.stringify(returnsOf(order))}`);
  const refundWrong = placed
    .filter((order) => {
      const row = moved.get(`refund ${order.orderId}`);
      if (!wants('return')(order)) return row !== undefined;
      return Number(row?.n) !== 1 || Number(row?.amount) !== Number(returnsOf(order)[0]?.expected);
    })
    .map((order) => `${order.orderId}: ${JSON.stringify(moved.get(`refund ${order.orderId}`) ?? 'none')}`);
  const complaintWrong = placed
    .filter((order) => {
      const rows = complaintsOf(order);
      if (!wants('complain')(order)) return rows.length > 0;
      const [row] = rows;
      return (
        rows.length !== 1 ||
        row!.status !== 'recovery_pending' ||
        row!.compensation?.status !== 'paid' ||
        row!.compensation.amount !== COMPENSATION_AMOUNT
      );
    })
    .map((order) => `${order.orderId}: ${JSON.stringify(complaintsOf(order).map((row) => row.status))}`);
  const compensated = new Set(complaints.map((row) => `complaint:${row.id}`));
  const payoutWrong = [
    ...complaints
      .map((row) => `complaint:${row.id}`)
      .filter((reference) => {
        const row = moved.get(`payout ${reference}`);
        return Number(row?.n) !== 1 || Number(row?.amount) !== COMPENSATION_AMOUNT;
      }),
    ...money.filter((row) => row.type === 'payout' && !compensated.has(row.reference)).map((row) => row.reference),
  ];
  const refunds = money.filter((row) => row.type === 'refund');
  const strayRefunds = refunds.filter((row) => !ids.includes(row.reference)).map((row) => row.reference);
  return [
    check('returned orders refunded (goods + delivery fee), once', placed.filter(wants('return')).length, returnWrong),
    check('ledger: one refund per refunded return, of its amount, none else', placed.length, refundWrong),
    check('every refund in the ledger is one of the orders', refunds.length, strayRefunds),
    check('complaints compensated in advance (paid), once', placed.filter(wants('complain')).length, complaintWrong),
    check('ledger: one payout per compensated complaint, none else', complaints.length, payoutWrong),
  ];
}
