import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConflictError } from '../../domain/errors';

/**
 * The client's `Idempotency-Key` header: one key per logical request, reused on every retry
 * of it. Required on POST /orders; optional on POST /complaints and POST /orders/:id/returns,
 * whose clients predate it (without one, each call files a new record, as before).
 */
export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(128)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII')
    .describe(
      'Unique per request you mean to make once (a UUID); send it again on a retry. The same key with ' +
        'the same body answers with the record the first call made and writes nothing; with another body, 409.',
    ),
});

export const optionalIdempotencyHeadersSchema = idempotencyHeadersSchema.partial();

/** What a record made under a key stores of it: the key, and a hash of the request (never the body). */
export interface IdempotencyFingerprint {
  idempotencyKey: string;
  requestHash: string;
}

/** With a key (a route that requires one), always a fingerprint; without, null. */
type FingerprintOf<Key> = Key extends string ? IdempotencyFingerprint : null;

/** A record that may have been made under an Idempotency-Key. */
export interface KeyedRecord {
  requestHash: string | null;
}

export interface MadeOnce<Made> {
  record: Made;
  /** False when the key named a record made before: nothing new was written. */
  created: boolean;
}

/** The same key with another request: a 409 naming the header, so the client knows what to change. */
export class IdempotencyKeyReusedError extends ConflictError {
  readonly field = 'headers.idempotency-key';
  constructor(what: string) {
    super(`this Idempotency-Key was already used for a different ${what} request`);
  }
}

/** A stable fingerprint of the request (object keys sorted), so a reused key with another body is caught. */
export function requestHashOf(request: unknown): string {
  const canonical = JSON.stringify(request, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Makes a record once per caller and key (POST /orders, /complaints, /orders/:id/returns):
 *  - no key: `create(null)`, as a route without idempotency would;
 *  - a key this caller used before: its record again if the request hashes the same, else
 *    IdempotencyKeyReusedError — nothing is written either way;
 *  - a new key: `create` stores it with the hash, in the record's own transaction, where the
 *    table's unique (caller, key) constraint decides a race. The request that loses it fails
 *    (the unique violation, or a business rule the winner's record now breaks: a return's
 *    order is locked first, so the loser sees the goods already asked back) and answers with
 *    the winner's record instead, as a sequential retry would.
 * `find` must read on a fresh unit of work, never the failed transaction's.
 */
export async function createOnce<Made extends KeyedRecord, Key extends string | undefined>(options: {
  what: string;
  key: Key;
  /** What makes two requests the same: the body and any path parameter that names the target. */
  request: unknown;
  find: (key: string) => Promise<Made | null>;
  create: (fingerprint: FingerprintOf<Key>) => Promise<Made>;
}): Promise<MadeOnce<Made>> {
  const { what, key, find } = options;
  const create = options.create as (fingerprint: IdempotencyFingerprint | null) => Promise<Made>;
  if (key === undefined) return { record: await create(null), created: true };
  const requestHash = requestHashOf(options.request);
  const replay = (previous: Made): MadeOnce<Made> => {
    if (previous.requestHash !== requestHash) throw new IdempotencyKeyReusedError(what);
    return { record: previous, created: false };
  };

  const previous = await find(key);
  if (previous) return replay(previous);
  try {
    return { record: await create({ idempotencyKey: key, requestHash }), created: true };
  } catch (error) {
    // The same key sent twice at once: if the other request's record is there now, it won.
    const winner = await find(key).catch(() => null);
    if (!winner) throw error;
    return replay(winner);
  }
}
