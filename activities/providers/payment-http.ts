import type { z } from 'zod';
import { PaymentProviderUnavailable, PaymentRequestRejected } from './payment-provider';
import { wireErrorSchema } from './sandbox-payment-wire';

export interface PaymentHttpOptions {
  /** e.g. http://127.0.0.1:3101 */
  baseUrl: string;
  apiKey: string;
  /** Per request; a timeout is reported as unavailable (retry with the same key). */
  timeoutMs?: number;
  /** Tests may pass a fake. */
  fetch?: typeof fetch;
}

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

/**
 * One JSON request to the provider: bearer key, Idempotency-Key on writes, a timeout, and
 * typed errors. It never retries by itself: the activity's retry policy does, with the
 * same key, so the provider sees one operation however often it is sent.
 */
export function createPaymentHttp(options: PaymentHttpOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  return async function request<T extends z.ZodType>(
    schema: T,
    method: 'GET' | 'POST',
    path: string,
    extra: { body?: unknown; idempotencyKey?: string; notFoundAsNull?: boolean } = {},
  ): Promise<z.infer<T> | null> {
    let status: number;
    let body: unknown;
    try {
      const response = await fetchImpl(`${options.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          accept: 'application/json',
          ...(extra.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(extra.idempotencyKey ? { 'idempotency-key': extra.idempotencyKey } : {}),
        },
        body: extra.body !== undefined ? JSON.stringify(extra.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      const text = await response.text();
      body = text ? JSON.parse(text) : undefined;
    } catch (error) {
      // Refused connection, reset, timeout, or a body cut off or not JSON: the outcome
      // is unknown, so the same request has to be sent again.
      throw new PaymentProviderUnavailable(describeNetworkFailure(error), undefined, { cause: error });
    }

    if (status === 404 && extra.notFoundAsNull) return null;
    if (status < 200 || status >= 300) throw classifyFailure(status, body);
    const parsed = schema.safeParse(body);
    // A 2xx we cannot read: the operation may have happened; retrying with the same key
    // is safe and gets the stored answer once the provider (or this adapter) is fixed.
    if (!parsed.success)
      throw new PaymentProviderUnavailable(`payment provider sent an unexpected ${method} ${path} response`, status);
    return parsed.data;
  };
}
