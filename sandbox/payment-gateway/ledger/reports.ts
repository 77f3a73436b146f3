import type { Knex } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { LedgerSummary, settlementSchema } from '../schemas';
import {
  selectTransactions,
  SETTLEMENT_TIME_ZONE,
  toTransactionBody,
  transactionsTable,
  type TransactionRow,
} from './transactions';

type Settlement = z.infer<typeof settlementSchema>;

/**
 * The day's settled movements (captures, refunds, payouts) and their totals per currency,
 * computed from the ledger: what the platform reconciles its own payments against.
 */
export async function settlementsOn(db: Knex, date: string): Promise<Settlement> {
  const rows: TransactionRow[] = await selectTransactions(db)
    .whereIn('type', ['capture', 'refund', 'payout'])
    // The day's bounds as instants, so the created_at index serves the range.
    .whereRaw('created_at >= (?::date)::timestamp AT TIME ZONE ?', [date, SETTLEMENT_TIME_ZONE])
    .whereRaw('created_at < (?::date + 1)::timestamp AT TIME ZONE ?', [date, SETTLEMENT_TIME_ZONE])
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);

  const totals = new Map<string, Settlement['totals'][number]>();
  for (const row of rows) {
    const currency = row.currency.trim();
    const total = totals.get(currency) ?? { currency, captured: 0, refunded: 0, paidOut: 0, net: 0 };
    const amount = Number(row.amount);
    if (row.type === 'capture') total.captured += amount;
    if (row.type === 'refund') total.refunded += amount;
    if (row.type === 'payout') total.paidOut += amount;
    total.net = total.captured - total.refunded - total.paidOut;
    totals.set(currency, total);
  }
  return { date, items: rows.map(toTransactionBody), totals: [...totals.values()] };
}

/**
 * Per reference (the platform's order id): authorisations by status, captures, refunds
 * and payouts, with the movements themselves — "one capture per confirmed order, no open
 * authorisation for cancelled ones" is one look. Newest references first.
 */
export async function ledgerSummaries(
  db: Knex,
  filter: { reference?: string; limit: number },
): Promise<LedgerSummary[]> {
  const references = filter.reference
    ? [filter.reference]
    : (
        await transactionsTable(db)
          .select('reference')
          .groupBy('reference')
          .orderByRaw('max(created_at) DESC')
          .limit(filter.limit)
      ).map((row: { reference: string }) => row.reference);
  if (references.length === 0) return [];

  const rows: TransactionRow[] = await selectTransactions(db)
    .whereIn('reference', references)
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return references
    .map((reference) =>
      summarise(
        reference,
        rows.filter((row) => row.reference === reference),
      ),
    )
    .filter((summary) => summary.transactions.length > 0);
}

function summarise(reference: string, rows: TransactionRow[]): LedgerSummary {
  const count = (type: TransactionRow['type'], status?: string) =>
    rows.filter((row) => row.type === type && (status === undefined || row.status === status)).length;
  const sum = (type: TransactionRow['type']) =>
    rows.filter((row) => row.type === type).reduce((total, row) => total + Number(row.amount), 0);
  return {
    reference,
    authorizations: {
      authorized: count('authorization', 'authorized'),
      captured: count('authorization', 'captured'),
      voided: count('authorization', 'voided'),
      declined: count('authorization', 'declined'),
    },
    captures: count('capture'),
    capturedAmount: sum('capture'),
    refunds: count('refund'),
    refundedAmount: sum('refund'),
    payouts: count('payout'),
    paidOutAmount: sum('payout'),
    transactions: rows.map(toTransactionBody),
  };
}
