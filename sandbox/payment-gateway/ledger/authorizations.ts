import type { Knex } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { invalidState, notFound, unprocessable } from '../errors';
import type { authorizeBodySchema, moneySchema } from '../schemas';
import type { TokenBehaviour } from '../test-tokens';
import { insertTransaction, lockTransaction, transactionsTable, type TransactionRow } from './transactions';

type Money = z.infer<typeof moneySchema>;

/** A declined attempt is recorded too, as a real gateway's ledger shows it. */
export async function authorize(
  trx: Knex.Transaction,
  input: z.infer<typeof authorizeBodySchema>,
  behaviour: Exclude<TokenBehaviour, { kind: 'flaky' }>,
): Promise<TransactionRow> {
  return insertTransaction(trx, {
    type: 'authorization',
    status: behaviour.kind === 'approve' ? 'authorized' : 'declined',
    amount: input.amount.value,
    currency: input.amount.currency,
    reference: input.reference,
    ...(behaviour.kind === 'decline' ? { decline_code: behaviour.declineCode, message: behaviour.message } : {}),
  });
}

async function lockAuthorization(trx: Knex.Transaction, id: string): Promise<TransactionRow> {
  const authorization = await lockTransaction(trx, { id, type: 'authorization' });
  if (!authorization) throw notFound('authorization', id);
  return authorization;
}

/** One capture per authorisation, of at most the authorised amount (a partial capture releases the rest). */
export async function capture(trx: Knex.Transaction, id: string, amount: Money | undefined): Promise<TransactionRow> {
  const authorization = await lockAuthorization(trx, id);
  if (authorization.status !== 'authorized')
    throw invalidState(`Authorization ${id} cannot be captured: it is ${authorization.status}.`);
  const currency = authorization.currency.trim();
  const value = amount?.value ?? Number(authorization.amount);
  if (amount && amount.currency !== currency)
    throw unprocessable('currency_mismatch', `The authorization is in ${currency}.`, 'amount.currency');
  if (value > Number(authorization.amount))
    throw unprocessable(
      'amount_too_large',
      `Cannot capture ${value}: only ${authorization.amount} was authorized.`,
      'amount.value',
    );

  await transactionsTable(trx)
    .where({ id })
    .update({ status: 'captured', captured_amount: value, updated_at: trx.fn.now() });
  return insertTransaction(trx, {
    type: 'capture',
    status: 'succeeded',
    amount: value,
    currency,
    reference: authorization.reference,
    authorization_id: id,
  });
}

/** Releases the held funds; after a capture only a refund gives money back. */
export async function voidAuthorization(trx: Knex.Transaction, id: string): Promise<TransactionRow> {
  const authorization = await lockAuthorization(trx, id);
  if (authorization.status !== 'authorized')
    throw invalidState(`Authorization ${id} cannot be voided: it is ${authorization.status}.`);

  await transactionsTable(trx).where({ id }).update({ status: 'voided', updated_at: trx.fn.now() });
  return insertTransaction(trx, {
    type: 'void',
    status: 'succeeded',
    amount: Number(authorization.amount),
    currency: authorization.currency.trim(),
    reference: authorization.reference,
    authorization_id: id,
  });
}
