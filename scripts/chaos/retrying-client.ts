// How a real client calls the API while processes die under it: a timeout on every
// request, and the same request again (the same Idempotency-Key) after a refused
// connection, a 5xx or a 429, backing off, until an answer that retrying cannot change.
// A call that creates something on a route without an Idempotency-Key (a handover slip, an
// answer to a complaint) passes `landed`: before each retry the client looks whether the
// lost attempt went through after all, as a real client reloads the page before pressing again.

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface ClientStats {
  requests: number;
  retries: number;
}

const REQUEST_TIMEOUT_MS = 30_000;
/** Long enough to wait out the slowest restart (the Temporal server on a loaded machine). */
const GIVE_UP_AFTER_MS = 10 * 60_000;

const retryable = (status: number) => status >= 500 || status === 429;

export function retryingClient(baseUrl: string) {
  const stats: ClientStats = { requests: 0, retries: 0 };
  async function call(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body?: unknown,
    landed?: () => Promise<Answer | undefined>,
  ): Promise<Answer> {
    const giveUpAt = Date.now() + GIVE_UP_AFTER_MS;
    let pause = 250;
    for (;;) {
      stats.requests += 1;
      let outcome: Answer | Error;
      try {
        const response = await fetch(`${baseUrl}${url}`, {
          method,
          headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        outcome = { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      } catch (error) {
        outcome = error instanceof Error ? error : new Error(String(error));
      }
      if (!(outcome instanceof Error) && !retryable(outcome.status)) return outcome;
      if (Date.now() > giveUpAt) {
        const why = outcome instanceof Error ? outcome.message : `status ${outcome.status}`;
        throw new Error(`${method} ${url} still failing after ${GIVE_UP_AFTER_MS / 60_000} min: ${why}`);
      }
      stats.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 5_000);
      const found = landed ? await landed().catch(() => undefined) : undefined;
      if (found) return found;
    }
  }
  return { call, stats };
}

export type RetryingClient = ReturnType<typeof retryingClient>;
