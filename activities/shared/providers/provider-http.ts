import type { z } from 'zod';

export interface ProviderHttpOptions {
  /** e.g. http://127.0.0.1:3101 */
  baseUrl: string;
  apiKey: string;
  /** Per request; a timeout is reported as unreachable (retry with the same key). */
  timeoutMs?: number;
  /** Tests may pass a fake. */
  fetch?: typeof fetch;
}

/** How one provider's adapter names what went wrong, as its own typed errors. */
export interface ProviderHttpErrors {
  /** No answer (refused, reset, timeout, unreadable body): the outcome is unknown, retry. */
  unreachable(error: unknown): Error;
  /** An answer other than 2xx: the adapter decides what is retryable. */
  failure(status: number, body: unknown): Error;
  /** A 2xx the adapter cannot read: the operation may have happened, so retryable. */
  unreadable(method: string, path: string, status: number): Error;
}

/**
 * One JSON request to a provider's API: bearer key, Idempotency-Key on writes, a timeout,
 * the answer checked against its schema. It never retries by itself: the activity's retry
 * policy does, with the same key, so the provider sees one operation however often sent.
 */
export function createProviderHttp(options: ProviderHttpOptions, errors: ProviderHttpErrors) {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = options.baseUrl.replace(/\/+$/, '');

  return async function request<T extends z.ZodType>(
    schema: T,
    method: 'GET' | 'POST',
    path: string,
    extra: { body?: unknown; idempotencyKey?: string; notFoundAsNull?: boolean } = {},
  ): Promise<z.infer<T> | null> {
    let status: number;
    let body: unknown;
    try {
      const response = await fetchImpl(`${base}${path}`, {
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
      throw errors.unreachable(error);
    }

    if (status === 404 && extra.notFoundAsNull) return null;
    if (status < 200 || status >= 300) throw errors.failure(status, body);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw errors.unreadable(method, path, status);
    return parsed.data;
  };
}
