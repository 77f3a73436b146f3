import { createHash } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LEDGER_SCHEMA } from './db';
import { requireIdempotencyKey } from '../shared/idempotency-key';
import { GatewayError, serviceUnavailable } from './errors';
import type { GatewayContext } from './context';
import type { FaultInjector } from './faults';
import { toTransactionBody, type TransactionRow } from './ledger/transactions';

export interface GatewayResponse {
  statusCode: number;
  body: unknown;
}

/** How long a request waits for another one holding the same key before it gives up. */
const KEY_LOCK_TIMEOUT = '10s';

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** The same endpoint, path parameters and body give the same hash, whatever the key order. */
function requestHash(request: FastifyRequest): string {
  const fingerprint = {
    route: `${request.method} ${request.routeOptions.url}`,
    params: request.params,
    body: request.body,
  };
  return createHash('sha256').update(stableStringify(fingerprint)).digest('hex');
}

function idempotencyKey(request: FastifyRequest): string {
  return requireIdempotencyKey(request, 'Every POST needs an Idempotency-Key header of 1-255 printable characters.');
}

/**
 * Runs a POST at most once per Idempotency-Key, like a real gateway: the first request's
 * response (success or business error) is stored with the ledger change in one database
 * transaction; the same key with the same request gets that response again, with a
 * different request 409. Concurrent requests with one key wait for the first to finish.
 * Nothing is stored when the gateway fails (5xx), so a retry runs the operation again.
 */
async function runIdempotent(
  db: Knex,
  request: FastifyRequest,
  operation: (trx: Knex.Transaction, key: string) => Promise<GatewayResponse>,
): Promise<GatewayResponse & { replayed: boolean }> {
  const key = idempotencyKey(request);
  const hash = requestHash(request);
  const keys = (trx: Knex.Transaction) => trx.withSchema(LEDGER_SCHEMA).table('idempotency_keys');
  try {
    return await db.transaction(async (trx) => {
      await trx.raw(`SET LOCAL lock_timeout = '${KEY_LOCK_TIMEOUT}'`);
      await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
      const stored = await keys(trx).where({ key }).first();
      if (stored) {
        if (stored.request_hash !== hash)
          throw new GatewayError(
            409,
            'idempotency_error',
            'idempotency_key_reused',
            'This Idempotency-Key was used with a different request; keys can only be reused with the same parameters.',
          );
        return { statusCode: stored.response_status, body: stored.response_body, replayed: true };
      }
      const response = await trx
        .transaction((savepoint) => operation(savepoint, key))
        .catch((error: unknown) => {
          // A refused request is an answer too: stored, so a retry gets the same refusal.
          if (error instanceof GatewayError && error.statusCode < 500)
            return { statusCode: error.statusCode, body: error.toBody() };
          throw error;
        });
      await keys(trx).insert({
        key,
        request_hash: hash,
        response_status: response.statusCode,
        response_body: JSON.stringify(response.body),
      });
      return { ...response, replayed: false };
    });
  } catch (error) {
    if ((error as { code?: string }).code === '55P03')
      throw new GatewayError(
        409,
        'idempotency_error',
        'idempotency_key_in_use',
        'Another request with this Idempotency-Key is still in progress; retry later.',
      );
    throw error;
  }
}

/** Sends a stored or fresh response; `after` fault injection loses it once it is stored. */
function sendIdempotent(
  reply: FastifyReply,
  faults: FaultInjector,
  response: GatewayResponse & { replayed: boolean },
): FastifyReply {
  if (faults.failsAt('after')) throw serviceUnavailable();
  if (response.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(response.statusCode).send(response.body);
}

/**
 * What every money-moving POST does (authorise, capture, void, refund, payout): the ledger
 * change runs once per Idempotency-Key and is answered 201 with the new transaction; a
 * retry gets the stored answer again.
 */
export async function answerMoneyMovement(
  { db, faults }: Pick<GatewayContext, 'db' | 'faults'>,
  request: FastifyRequest,
  reply: FastifyReply,
  move: (trx: Knex.Transaction, key: string) => Promise<TransactionRow>,
): Promise<FastifyReply> {
  const response = await runIdempotent(db, request, async (trx, key) => ({
    statusCode: 201,
    body: toTransactionBody(await move(trx, key)),
  }));
  return sendIdempotent(reply, faults, response);
}
