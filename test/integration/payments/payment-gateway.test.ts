import { randomUUID } from 'node:crypto';
import { PaymentProviderUnavailable } from '../../../activities/shared/providers/payment-provider';
import { cny, newIdempotencyKey, newReference, rejection, useTestPaymentGateway } from '../../helpers/payment-gateway';

// The sandbox gateway over real HTTP on a loopback port, its ledger in the test database,
// driven through the platform's adapter: what the order activities will do (§4.6, §7.1).
describe('sandbox payment gateway through the PaymentProvider adapter: money flows and records (T/QGCML 3125 §4.6, §7.1)', () => {
  const { payments, ledger } = useTestPaymentGateway();

  async function authorized(reference: string, value = 10_000): Promise<string> {
    const result = await payments().authorize({
      amount: cny(value),
      paymentToken: 'tok_ok',
      reference,
      idempotencyKey: newIdempotencyKey(),
    });
    if (result.status !== 'authorized') throw new Error(`expected an authorisation, got ${result.status}`);
    return result.authorizationId;
  }

  describe('authorise, capture, void, refund (§4.6)', () => {
    it('captures an authorisation once: the ledger shows one capture and no open authorisation', async () => {
      const reference = newReference();
      const authorizationId = await authorized(reference, 12_345);

      const capture = await payments().capture({ authorizationId, idempotencyKey: newIdempotencyKey() });

      expect(capture).toMatchObject({ status: 'captured', authorizationId, amount: cny(12_345) });
      expect(await ledger(reference)).toMatchObject({
        authorizations: { authorized: 0, captured: 1, voided: 0, declined: 0 },
        captures: 1,
        capturedAmount: 12_345,
      });
      expect(await payments().getTransaction(capture.captureId)).toMatchObject({
        type: 'capture',
        status: 'succeeded',
      });
    });

    it('captures part of an authorisation when asked for less', async () => {
      const authorizationId = await authorized(newReference(), 10_000);
      const capture = await payments().capture({
        authorizationId,
        amount: cny(7_500),
        idempotencyKey: newIdempotencyKey(),
      });
      expect(capture.amount).toEqual(cny(7_500));
    });

    it('rejects a capture of more than was authorised (422) and captures nothing', async () => {
      const reference = newReference();
      const authorizationId = await authorized(reference, 10_000);

      const error = await rejection(
        payments().capture({ authorizationId, amount: cny(10_001), idempotencyKey: newIdempotencyKey() }),
      );

      expect(error).toMatchObject({ httpStatus: 422, code: 'amount_too_large', retryable: false });
      expect(await ledger(reference)).toMatchObject({ authorizations: { authorized: 1 }, captures: 0 });
    });

    it('voids an authorisation, leaving none open, and refuses to capture it afterwards (409)', async () => {
      const reference = newReference();
      const authorizationId = await authorized(reference);

      const voided = await payments().void({ authorizationId, idempotencyKey: newIdempotencyKey() });

      expect(voided).toMatchObject({ status: 'voided', authorizationId });
      expect(await ledger(reference)).toMatchObject({
        authorizations: { authorized: 0, voided: 1, captured: 0 },
        captures: 0,
      });
      const error = await rejection(payments().capture({ authorizationId, idempotencyKey: newIdempotencyKey() }));
      expect(error).toMatchObject({ httpStatus: 409, code: 'invalid_state' });
    });

    it('refuses to void a captured authorisation (409): only a refund gives the money back', async () => {
      const authorizationId = await authorized(newReference());
      await payments().capture({ authorizationId, idempotencyKey: newIdempotencyKey() });

      const error = await rejection(payments().void({ authorizationId, idempotencyKey: newIdempotencyKey() }));

      expect(error).toMatchObject({ httpStatus: 409, code: 'invalid_state' });
    });

    it('refunds a capture in parts, by capture or authorisation id, never beyond what was captured', async () => {
      const reference = newReference();
      const authorizationId = await authorized(reference, 10_000);
      const { captureId } = await payments().capture({ authorizationId, idempotencyKey: newIdempotencyKey() });

      const first = await payments().refund({
        captureId,
        amount: cny(4_000),
        reason: 'return',
        idempotencyKey: newIdempotencyKey(),
      });
      const second = await payments().refund({
        authorizationId,
        amount: cny(6_000),
        reason: 'return',
        idempotencyKey: newIdempotencyKey(),
      });
      const error = await rejection(
        payments().refund({ captureId, amount: cny(1), reason: 'return', idempotencyKey: newIdempotencyKey() }),
      );

      expect(first).toMatchObject({ status: 'refunded', captureId, amount: cny(4_000) });
      expect(second).toMatchObject({ status: 'refunded', captureId, amount: cny(6_000) });
      expect(error).toMatchObject({ httpStatus: 422, code: 'amount_too_large' });
      expect(await payments().getTransaction(captureId)).toMatchObject({ status: 'refunded' });
      expect(await ledger(reference)).toMatchObject({ refunds: 2, refundedAmount: 10_000 });
    });
  });

  describe('test tokens decline like a real gateway', () => {
    it.each([
      ['tok_decline_insufficient_funds', 'insufficient_funds'],
      ['tok_decline_card_expired', 'card_expired'],
    ])('%s gives a declined result with code %s, recorded in the ledger', async (paymentToken, declineCode) => {
      const reference = newReference();
      const result = await payments().authorize({
        amount: cny(500),
        paymentToken,
        reference,
        idempotencyKey: newIdempotencyKey(),
      });

      expect(result).toMatchObject({ status: 'declined', declineCode });
      expect(await ledger(reference)).toMatchObject({ authorizations: { declined: 1, authorized: 0 } });
    });

    it('tok_fail_gateway answers 503 twice, then approves the same request once', async () => {
      const reference = newReference();
      const request = {
        amount: cny(500),
        paymentToken: 'tok_fail_gateway',
        reference,
        idempotencyKey: newIdempotencyKey(),
      };

      await expect(payments().authorize(request)).rejects.toBeInstanceOf(PaymentProviderUnavailable);
      await expect(payments().authorize(request)).rejects.toBeInstanceOf(PaymentProviderUnavailable);
      const result = await payments().authorize(request);

      expect(result.status).toBe('authorized');
      expect((await ledger(reference))?.transactions).toHaveLength(1);
    });
  });

  describe('records for the consumer and for reconciliation (§7.1)', () => {
    it('lists the day of a capture with that capture, its refund and payouts, and totals per currency', async () => {
      const reference = newReference();
      const authorizationId = await authorized(reference, 3_000);
      const { captureId } = await payments().capture({ authorizationId, idempotencyKey: newIdempotencyKey() });
      const { refundId } = await payments().refund({
        captureId,
        amount: cny(1_000),
        reason: 'return',
        idempotencyKey: newIdempotencyKey(),
      });
      const { payoutId } = await payments().payout({
        amount: cny(500),
        beneficiary: 'acct_consumer_0001',
        reference: `complaint-${randomUUID()}`,
        idempotencyKey: newIdempotencyKey(),
      });
      const date = (await payments().getTransaction(captureId))!.settlementDate!;

      const settlement = await payments().listSettlements(date);

      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const ids = settlement.items.map((item) => item.id);
      expect(ids).toEqual(expect.arrayContaining([captureId, refundId, payoutId]));
      expect(ids).not.toContain(authorizationId);
      const cnyTotal = settlement.totals.find((total) => total.currency === 'CNY')!;
      expect(cnyTotal.captured).toBeGreaterThanOrEqual(3_000);
      expect(cnyTotal.net).toBe(cnyTotal.captured - cnyTotal.refunded - cnyTotal.paidOut);
    });

    it('a day without movements has an empty settlement; an unknown transaction is null', async () => {
      expect(await payments().listSettlements('2001-01-01')).toEqual({ date: '2001-01-01', items: [], totals: [] });
      expect(await payments().getTransaction('auth_doesnotexist')).toBeNull();
    });
  });
});
