import { createServer, type AddressInfo } from 'node:net';
import { PaymentProviderUnavailable } from '../../../activities/shared/providers/payment-provider';
import { createSandboxPaymentProvider } from '../../../activities/shared/providers/sandbox-payment-provider';
import { cny, newIdempotencyKey, newReference, rejection, useTestPaymentGateway } from '../../helpers/payment-gateway';

/** A loopback port nothing listens on any more. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// What makes retries safe (DESIGN "provider calls carry idempotency keys … a retry never
// charges twice", T/QGCML 3125 §4.6): the gateway runs a keyed request once, and the
// adapter tells failures a retry can fix from refusals it cannot.
describe('sandbox payment gateway through the PaymentProvider adapter: idempotency and faults (T/QGCML 3125 §4.6)', () => {
  const { sandbox, payments, ledger } = useTestPaymentGateway();

  describe('idempotency keys', () => {
    it('replays the first answer for the same key and body, sequential or concurrent, with one ledger row', async () => {
      const reference = newReference();
      const request = { amount: cny(2_000), paymentToken: 'tok_ok', reference, idempotencyKey: newIdempotencyKey() };

      const first = await payments().authorize(request);
      const again = await Promise.all(Array.from({ length: 5 }, () => payments().authorize(request)));

      expect(first.status).toBe('authorized');
      for (const result of again) expect(result).toEqual(first);
      const summary = await ledger(reference);
      expect(summary?.transactions).toHaveLength(1);
    });

    it('runs concurrent first requests with one key once', async () => {
      const reference = newReference();
      const request = { amount: cny(2_000), paymentToken: 'tok_ok', reference, idempotencyKey: newIdempotencyKey() };

      const results = await Promise.all(Array.from({ length: 5 }, () => payments().authorize(request)));

      expect(new Set(results.map((result) => result.authorizationId)).size).toBe(1);
      expect((await ledger(reference))?.transactions).toHaveLength(1);
    });

    it('rejects the same key with a different body (409, not retryable) and changes nothing', async () => {
      const reference = newReference();
      const idempotencyKey = newIdempotencyKey();
      await payments().authorize({ amount: cny(2_000), paymentToken: 'tok_ok', reference, idempotencyKey });

      const error = await rejection(
        payments().authorize({ amount: cny(2_001), paymentToken: 'tok_ok', reference, idempotencyKey }),
      );

      expect(error).toMatchObject({ httpStatus: 409, code: 'idempotency_key_reused', retryable: false });
      expect((await ledger(reference))?.transactions).toHaveLength(1);
    });
  });

  describe('faults', () => {
    it('an injected failure is PaymentProviderUnavailable, writes nothing, and the retry with the same key succeeds', async () => {
      const reference = newReference();
      const request = { amount: cny(800), paymentToken: 'tok_ok', reference, idempotencyKey: newIdempotencyKey() };
      await sandbox().setFaults({ failureRate: 1 });

      const error = await payments()
        .authorize(request)
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(PaymentProviderUnavailable);
      expect(error).toMatchObject({ httpStatus: 503, retryable: true });
      expect(await ledger(reference)).toBeUndefined();
      await sandbox().resetFaults();
      expect((await payments().authorize(request)).status).toBe('authorized');
    });

    it('a response lost after processing is retryable, and the retry returns the recorded authorisation', async () => {
      const reference = newReference();
      const request = { amount: cny(800), paymentToken: 'tok_ok', reference, idempotencyKey: newIdempotencyKey() };
      await sandbox().setFaults({ failureRate: 1, failurePoint: 'after' });

      await expect(payments().authorize(request)).rejects.toBeInstanceOf(PaymentProviderUnavailable);
      const [recorded] = (await ledger(reference))!.transactions;
      await sandbox().resetFaults();
      const retried = await payments().authorize(request);

      expect(retried).toEqual({ status: 'authorized', authorizationId: recorded!.id });
      expect((await ledger(reference))?.transactions).toHaveLength(1);
    });

    it('a gateway slower than the timeout is PaymentProviderUnavailable', async () => {
      await sandbox().setFaults({ latencyMs: 1_000 });
      const impatient = createSandboxPaymentProvider({
        baseUrl: sandbox().gateway.url,
        apiKey: sandbox().apiKey,
        timeoutMs: 100,
      });

      const error = await impatient.getTransaction('auth_missing').catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(PaymentProviderUnavailable);
      expect((error as Error).message).toContain('in time');
    });

    it('a refused connection is PaymentProviderUnavailable', async () => {
      const nowhere = createSandboxPaymentProvider({
        baseUrl: `http://127.0.0.1:${await closedPort()}`,
        apiKey: sandbox().apiKey,
      });

      await expect(nowhere.listSettlements('2026-01-05')).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    });

    it('a wrong API key is rejected (401), not retried', async () => {
      const stranger = createSandboxPaymentProvider({
        baseUrl: sandbox().gateway.url,
        apiKey: 'sk_test_wrong_key_0000',
      });
      const error = await rejection(stranger.getTransaction('auth_missing'));
      expect(error).toMatchObject({ httpStatus: 401, code: 'invalid_api_key' });
    });
  });
});
