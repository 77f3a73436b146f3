import {
  PaymentProviderUnavailable,
  PaymentRequestRejected,
} from '../../../activities/shared/providers/payment-provider';
import { classifyFailure, createPaymentHttp } from '../../../activities/shared/providers/payment-http';
import { createSandboxPaymentProvider } from '../../../activities/shared/providers/sandbox-payment-provider';
import { z } from 'zod';

const gatewayError = (code: string, message = 'refused') => ({
  error: { type: 'invalid_request_error', code, message },
});

// Which provider failures a retry can fix (the activity retries with the same key) and
// which it cannot (the workflow must react): T/QGCML 3125 §4.6 payments never half-done.
describe('payment provider error classification (T/QGCML 3125 §4.6)', () => {
  it.each([500, 502, 503, 504, 429, 408])('HTTP %i is retryable: PaymentProviderUnavailable', (status) => {
    const error = classifyFailure(status, gatewayError('service_unavailable'));
    expect(error).toBeInstanceOf(PaymentProviderUnavailable);
    expect(error.retryable).toBe(true);
  });

  it.each([
    [400, 'parameter_invalid'],
    [401, 'invalid_api_key'],
    [404, 'resource_missing'],
    [409, 'invalid_state'],
    [409, 'idempotency_key_reused'],
    [422, 'amount_too_large'],
  ])('HTTP %i %s is final: PaymentRequestRejected with the provider code and message', (status, code) => {
    const error = classifyFailure(status, gatewayError(code, 'the provider says no'));
    expect(error).toBeInstanceOf(PaymentRequestRejected);
    expect(error).toMatchObject({
      httpStatus: status,
      code,
      providerMessage: 'the provider says no',
      retryable: false,
    });
    expect(error.name).toBe('PaymentRequestRejected');
  });

  it('a 409 for a request still in flight with the same key is retryable', () => {
    expect(classifyFailure(409, gatewayError('idempotency_key_in_use'))).toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('a 4xx without the provider error body is still final, named by its status', () => {
    expect(classifyFailure(403, '<html>forbidden</html>')).toMatchObject({ code: 'http_403', httpStatus: 403 });
  });
});

describe('payment provider HTTP client', () => {
  const schema = z.object({ ok: z.boolean() });
  const reply = (status: number, body: unknown) => async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

  it('reports a refused connection as unavailable', async () => {
    const request = createPaymentHttp({
      baseUrl: 'http://gateway.test',
      apiKey: 'k',
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:3101') });
      },
    });
    await expect(request(schema, 'GET', '/x')).rejects.toThrow(/unreachable: connect ECONNREFUSED/);
  });

  it('reports a timeout as unavailable', async () => {
    const request = createPaymentHttp({
      baseUrl: 'http://gateway.test',
      apiKey: 'k',
      fetch: async () => {
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      },
    });
    const error = await request(schema, 'GET', '/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentProviderUnavailable);
    expect((error as Error).message).toContain('did not answer in time');
  });

  it('reports a 2xx it cannot read as unavailable, not as success', async () => {
    const request = createPaymentHttp({
      baseUrl: 'http://gateway.test',
      apiKey: 'k',
      fetch: reply(200, { ok: 'yes' }),
    });
    await expect(request(schema, 'GET', '/x')).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('sends the API key, the Idempotency-Key and a JSON body', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const request = createPaymentHttp({
      baseUrl: 'http://gateway.test/',
      apiKey: 'sk_test_key',
      fetch: async (url, init) => {
        seen.push({ url: String(url), init: init! });
        return new Response(JSON.stringify({ ok: true }), { status: 201 });
      },
    });
    await request(schema, 'POST', '/v1/things', { body: { a: 1 }, idempotencyKey: 'order:1:authorize' });
    expect(seen[0]!.url).toBe('http://gateway.test/v1/things');
    expect(seen[0]!.init.headers).toMatchObject({
      authorization: 'Bearer sk_test_key',
      'idempotency-key': 'order:1:authorize',
      'content-type': 'application/json',
    });
    expect(seen[0]!.init.body).toBe('{"a":1}');
  });

  it('maps a declined authorisation to a result, not an error', async () => {
    const provider = createSandboxPaymentProvider({
      baseUrl: 'http://gateway.test',
      apiKey: 'k',
      fetch: reply(201, {
        id: 'auth_1',
        type: 'authorization',
        status: 'declined',
        amount: { value: 100, currency: 'CNY' },
        reference: 'order-1',
        authorizationId: null,
        captureId: null,
        declineCode: 'card_expired',
        message: 'The card has expired.',
        createdAt: '2026-01-05T02:00:00.000Z',
        settlementDate: null,
      }),
    });
    const result = await provider.authorize({
      amount: { value: 100, currency: 'CNY' },
      paymentToken: 'tok_decline_card_expired',
      reference: 'order-1',
      idempotencyKey: 'order:order-1:authorize',
    });
    expect(result).toEqual({
      status: 'declined',
      authorizationId: 'auth_1',
      declineCode: 'card_expired',
      message: 'The card has expired.',
    });
  });
});
