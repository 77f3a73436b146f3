import { z } from 'zod';
import { gatewayErrorSchema } from '../../../sandbox/payment-gateway/schemas';
import { PaymentProviderUnavailable, PaymentRequestRejected } from './payment-provider';
import { createProviderHttp, type ProviderHttpOptions } from './provider-http';

export type PaymentHttpOptions = ProviderHttpOptions;

/** The gateway's error body (its one wire contract), read for what a caller decides on. */
const wireErrorSchema = z.object({ error: gatewayErrorSchema.shape.error.pick({ code: true, message: true }) });

/** 409s a retry may get past: the first request with the key is still being processed. */
const retryableConflicts = new Set(['idempotency_key_in_use']);

/**
 * What an HTTP answer other than 2xx means for the caller. Retryable: 5xx, 429, 408 and a
 * conflict with a request still in flight. Everything else 4xx is the provider refusing
 * this request (bad input, wrong state, key reused with another body): final.
 */
export function classifyFailure(status: number, body: unknown): PaymentProviderUnavailable | PaymentRequestRejected {
  const parsed = wireErrorSchema.safeParse(body);
  const code = parsed.success ? parsed.data.error.code : `http_${status}`;
  const message = parsed.success ? parsed.data.error.message : `HTTP ${status}`;
  const retryable =
    status >= 500 || status === 429 || status === 408 || (status === 409 && retryableConflicts.has(code));
  if (retryable || status < 400) return new PaymentProviderUnavailable(`payment provider: ${message}`, status);
  return new PaymentRequestRejected(message, status, code);
}

/** Names what went wrong without leaking the request (no token, no key). */
function describeNetworkFailure(error: unknown): string {
  // By name, not instanceof: fetch's DOMExceptions may come from another realm.
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: { message?: unknown } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'payment provider did not answer in time';
  const reason = typeof cause?.message === 'string' ? cause.message : undefined;
  return `payment provider unreachable${reason ? `: ${reason}` : ''}`;
}

/** Requests to the payment provider, failing with the payment adapter's typed errors. */
export function createPaymentHttp(options: PaymentHttpOptions) {
  return createProviderHttp(options, {
    // Refused connection, reset, timeout, or a body cut off or not JSON: the outcome is
    // unknown, so the same request has to be sent again.
    unreachable: (error) => new PaymentProviderUnavailable(describeNetworkFailure(error), undefined, { cause: error }),
    failure: classifyFailure,
    // A 2xx we cannot read: the operation may have happened; retrying with the same key
    // is safe and gets the stored answer once the provider (or this adapter) is fixed.
    unreadable: (method, path, status) =>
      new PaymentProviderUnavailable(`payment provider sent an unexpected ${method} ${path} response`, status),
  });
}
