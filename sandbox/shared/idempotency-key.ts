import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../payment-gateway/errors';

/** 1-255 printable ASCII characters, as the providers' APIs document it. */
const keyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's Idempotency-Key, or the 400 both sandbox providers answer without a valid
 * one (each in its own words: `missingMessage`).
 */
export function requireIdempotencyKey(request: FastifyRequest, missingMessage: string): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !keyPattern.test(key))
    throw new GatewayError(400, 'invalid_request_error', 'idempotency_key_missing', missingMessage, 'Idempotency-Key');
  return key;
}
