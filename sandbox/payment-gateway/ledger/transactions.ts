import { randomBytes } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import { LEDGER_SCHEMA } from '../db';
import type { TransactionBody } from '../schemas';

export const SETTLEMENT_TIME_ZONE = 'Asia/Shanghai';

export interface TransactionRow {
  id: string;
  type: TransactionBody['type'];
  status: string;
  amount: string; // bigint comes back as text; amounts stay well below 2^53
  currency: string;
  reference: string;
  authorization_id: string | null;
  capture_id: string | null;
  captured_amount: string;
  refunded_amount: string;
  decline_code: string | null;
  message: string | null;
  reason: string | null;
  beneficiary: string | null;
  created_at: Date;
  settlement_date: string | null;
}

export type NewTransaction = Partial<Omit<TransactionRow, 'amount' | 'created_at' | 'settlement_date'>> &
  Pick<TransactionRow, 'type' | 'status' | 'currency' | 'reference'> & { amount: number };

const idPrefix: Record<TransactionBody['type'], string> = {
  authorization: 'auth',
  capture: 'cap',
  void: 'void',
  refund: 're',
  payout: 'po',
};

export const transactionsTable = (db: Knex) => db.withSchema(LEDGER_SCHEMA).table('transactions');

/** Every column, plus the settlement day of the movements that move money. */
export function selectTransactions(db: Knex) {
  return transactionsTable(db).select(
    '*',
    db.raw(
      `CASE WHEN type IN ('capture', 'refund', 'payout')
         THEN to_char(created_at AT TIME ZONE ?, 'YYYY-MM-DD') END AS settlement_date`,
      [SETTLEMENT_TIME_ZONE],
    ),
  );
}

export async function insertTransaction(trx: Knex.Transaction, row: NewTransaction): Promise<TransactionRow> {
  const id = `${idPrefix[row.type]}_${randomBytes(12).toString('hex')}`;
  await transactionsTable(trx).insert({ ...row, id });
  return (await findTransaction(trx, id))!;
}

export async function findTransaction(db: Knex, id: string): Promise<TransactionRow | undefined> {
  return selectTransactions(db).where({ id }).first();
}

/** Reads the row and holds it until the transaction ends: state changes are serialised per row. */
export async function lockTransaction(
  trx: Knex.Transaction,
  where: Partial<Pick<TransactionRow, 'id' | 'type' | 'authorization_id'>>,
): Promise<TransactionRow | undefined> {
  return selectTransactions(trx).where(where).forUpdate().first();
}

export function toTransactionBody(row: TransactionRow): TransactionBody {
  const authorization = row.type === 'authorization';
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    amount: { value: Number(row.amount), currency: row.currency.trim() },
    reference: row.reference,
    authorizationId: row.authorization_id,
    captureId: row.capture_id,
    capturedAmount: authorization ? Number(row.captured_amount) : null,
    refundedAmount: row.type === 'capture' ? Number(row.refunded_amount) : null,
    declineCode: row.decline_code,
    message: row.message,
    reason: row.reason,
    beneficiary: row.beneficiary,
    createdAt: row.created_at.toISOString(),
    settlementDate: row.settlement_date,
  };
}
