import type { Knex } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { payoutBodySchema } from '../schemas';
import { insertTransaction, type TransactionRow } from './transactions';

/** Money from the platform's account to a beneficiary account (advance compensation). */
export async function payout(trx: Knex.Transaction, input: z.infer<typeof payoutBodySchema>): Promise<TransactionRow> {
  return insertTransaction(trx, {
    type: 'payout',
    status: 'succeeded',
    amount: input.amount.value,
    currency: input.amount.currency,
    reference: input.reference,
    beneficiary: input.beneficiary,
  });
}
