import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldAnswers {
  /** Give this to the worker as PAYMENT_SANDBOX_URL. */
  url: string;
  /** Answers of `path` the provider gave and this proxy keeps from the caller (count so far). */
  held(): number;
  /** From now on every answer passes straight through. */
  passThrough(): void;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of a provider's HTTP API that forwards each request and, for
 * `path`, keeps the provider's answer from the caller: the provider has acted (its ledger
 * shows it) but the caller never learns it. This makes "killed between the provider's
 * answer and our record" a moment the test can wait for, not a race.
 */
export async function holdAnswersOf(target: string, path: string): Promise<HeldAnswers> {
  let holding = true;
  let held = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'idempotency-key'])
        if (typeof request.headers[name] === 'string') headers[name] = request.headers[name] as string;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const answer = await fetch(`${target}${request.url}`, { method: request.method, headers, body });
      const text = await answer.text();
      if (holding && request.url === path) {
        held += 1;
        return; // never answered: the caller waits until it is killed
      }
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => held,
    passThrough: () => {
      holding = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
