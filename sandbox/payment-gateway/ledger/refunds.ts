import type { Knex } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { invalidState, notFound, unprocessable } from '../errors';
import type { refundBodySchema } from '../schemas';
import { insertTransaction, lockTransaction, transactionsTable, type TransactionRow } from './transactions';

async function lockCapture(trx: Knex.Transaction, input: z.infer<typeof refundBodySchema>): Promise<TransactionRow> {
  if (input.captureId) {
    const found = await lockTransaction(trx, { id: input.captureId, type: 'capture' });
    if (!found) throw notFound('capture', input.captureId);
    return found;
  }
  const authorizationId = input.authorizationId!;
  const found = await lockTransaction(trx, { authorization_id: authorizationId, type: 'capture' });
  if (found) return found;
  const authorization = await lockTransaction(trx, { id: authorizationId, type: 'authorization' });
  if (!authorization) throw notFound('authorization', authorizationId);
  throw invalidState(`Authorization ${authorizationId} has no capture to refund: it is ${authorization.status}.`);
}

/** Refunds part or all of a capture; the refunds of one capture never exceed it. */
export async function refund(trx: Knex.Transaction, input: z.infer<typeof refundBodySchema>): Promise<TransactionRow> {
  const captured = await lockCapture(trx, input);
  const currency = captured.currency.trim();
  if (input.amount.currency !== currency)
    throw unprocessable('currency_mismatch', `The capture is in ${currency}.`, 'amount.currency');
  const refundable = Number(captured.amount) - Number(captured.refunded_amount);
  if (input.amount.value > refundable)
    throw unprocessable(
      'amount_too_large',
      `Cannot refund ${input.amount.value}: ${refundable} of capture ${captured.id} is left to refund.`,
      'amount.value',
    );

  const refunded = Number(captured.refunded_amount) + input.amount.value;
  await transactionsTable(trx)
    .where({ id: captured.id })
    .update({
      refunded_amount: refunded,
      status: refunded === Number(captured.amount) ? 'refunded' : 'partially_refunded',
      updated_at: trx.fn.now(),
    });
  return insertTransaction(trx, {
    type: 'refund',
    status: 'succeeded',
    amount: input.amount.value,
    currency,
    reference: captured.reference,
    authorization_id: captured.authorization_id,
    capture_id: captured.id,
    reason: input.reason,
  });
}
