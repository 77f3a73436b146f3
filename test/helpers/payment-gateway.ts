import { randomUUID } from 'node:crypto';
import {
  PaymentRequestRejected,
  type PaymentAmount,
  type PaymentProvider,
} from '../../activities/shared/providers/payment-provider';
import { createSandboxPaymentProvider } from '../../activities/shared/providers/sandbox-payment-provider';
import type { Faults, LedgerSummary } from '../../sandbox/payment-gateway/schemas';
import { startPaymentGateway, type RunningPaymentGateway } from '../../sandbox/payment-gateway/start';

export interface TestPaymentGateway {
  gateway: RunningPaymentGateway;
  apiKey: string;
  /** The platform's adapter pointed at this gateway. */
  payments: PaymentProvider;
  /** The gateway's ledger for one reference (an order id), undefined when it holds nothing. */
  ledger(reference: string): Promise<LedgerSummary | undefined>;
  setFaults(faults: Partial<Faults>): Promise<void>;
  resetFaults(): Promise<void>;
  close(): Promise<void>;
}

export const cny = (value: number): PaymentAmount => ({ value, currency: 'CNY' });
export const newIdempotencyKey = () => `test:${randomUUID()}`;
export const newReference = () => `order-${randomUUID()}`;

/** Awaits a call expected to be refused and gives the typed refusal (fails the test otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<PaymentRequestRejected> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PaymentRequestRejected);
  return error as PaymentRequestRejected;
}

/**
 * The sandbox payment gateway on a free loopback port, its ledger in the given database
 * (by default the test database the integration global setup made), and the adapter to it.
 */
export async function startTestPaymentGateway(databaseUrl = process.env.DATABASE_URL!): Promise<TestPaymentGateway> {
  const apiKey = `sk_test_${randomUUID()}`;
  const gateway = await startPaymentGateway({
    databaseUrl,
    port: 0,
    apiKey,
    logLevel: 'silent',
  });

  async function admin(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }

  return {
    gateway,
    apiKey,
    payments: createSandboxPaymentProvider({ baseUrl: gateway.url, apiKey, timeoutMs: 5_000 }),
    async ledger(reference) {
      const query = new URLSearchParams({ reference });
      const { items } = (await admin('GET', `/admin/ledger?${query}`)) as { items: LedgerSummary[] };
      return items[0];
    },
    async setFaults(faults) {
      await admin('POST', '/admin/faults', faults);
    },
    async resetFaults() {
      await admin('DELETE', '/admin/faults');
    },
    close: () => gateway.close(),
  };
}

/**
 * One gateway for a test file's whole describe block: started before its tests, its faults
 * reset after each (a test that sets faults never leaks them into the next), closed after all.
 * Call at the top of the describe block; the accessors are valid inside tests.
 */
export function useTestPaymentGateway() {
  let running: TestPaymentGateway | undefined;
  const sandbox = (): TestPaymentGateway => {
    if (!running) throw new Error('the test payment gateway is not started (call useTestPaymentGateway in describe)');
    return running;
  };
  beforeAll(async () => {
    running = await startTestPaymentGateway();
  });
  afterEach(() => running?.resetFaults());
  afterAll(() => running?.close());
  return {
    sandbox,
    /** The platform's adapter pointed at the gateway. */
    payments: () => sandbox().payments,
    ledger: (reference: string) => sandbox().ledger(reference),
  };
}
