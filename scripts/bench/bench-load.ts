// One load run with autocannon, and the end-to-end loop (placed → confirmed).
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** 2xx answers. */
  ok: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface LoadRun {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Each request's body and headers, fresh every time (a unique Idempotency-Key). */
  nextRequest(): { body: string; headers: Record<string, string> };
}

const TIMEOUT_SECONDS = 10;

export async function runLoad(run: LoadRun): Promise<LoadFigures> {
  const result = await autocannon({
    url: run.url,
    connections: run.connections,
    duration: run.durationSeconds,
    timeout: TIMEOUT_SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const next = run.nextRequest();
          return {
            ...request,
            body: next.body,
            headers: { ...request.headers, 'content-type': 'application/json', ...next.headers },
          };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

export interface EndToEndFigures {
  confirmedPerSecond: number;
  confirmed: number;
  failures: number;
  /** The first failure's message, to say why. */
  firstFailure?: string;
  p50Ms: number;
  p99Ms: number;
}

/**
 * `connections` loops, each placing an order then confirming it at once as the merchant,
 * for `durationSeconds`: how many orders a second go from placed to confirmed.
 */
export async function runEndToEnd(options: {
  connections: number;
  durationSeconds: number;
  place(): Promise<string>;
  confirm(orderId: string, loop: number): Promise<void>;
}): Promise<EndToEndFigures> {
  const started = Date.now();
  const deadline = started + options.durationSeconds * 1000;
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const loop = async (index: number) => {
    while (Date.now() < deadline) {
      const begun = Date.now();
      try {
        await options.confirm(await options.place(), index);
        latencies.push(Date.now() - begun);
      } catch (error) {
        failures += 1;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, i) => loop(i)));
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    confirmedPerSecond: latencies.length / elapsed,
    confirmed: latencies.length,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

/** POSTs JSON and returns the parsed answer, or throws naming the status. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 60_000) {
  const response = await fetch(url, {
    method: 'POST',
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return (await response.json()) as Record<string, unknown>;
}

export const newIdempotencyKey = () => `bench-${randomUUID()}`;

/** Milliseconds until `url` answers 200, polling every 50 ms, up to `limitMs` (then -1). */
export async function timeToReady(url: string, limitMs = 10_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(limitMs) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return -1;
}
