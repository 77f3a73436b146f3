import { retryUntil } from '../../platform/retry-until';

/**
 * Retries an assertion until it passes or the time is up, for effects that a workflow
 * makes asynchronously on the real stack (a dev server, not the time-skipping one).
 */
export function eventually<T>(assertion: () => T | Promise<T>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  return retryUntil(assertion, timeoutMs, intervalMs);
}
