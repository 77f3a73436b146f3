import { z } from 'zod';
import { settlementSchema, transactionSchema } from '../../../sandbox/payment-gateway/schemas';
import type { AuthorizeResult, PaymentProvider, PaymentTransaction, Settlement } from './payment-provider';
import { PaymentProviderUnavailable } from './payment-provider';
import { createPaymentHttp, type PaymentHttpOptions } from './payment-http';

export type SandboxPaymentProviderOptions = PaymentHttpOptions;

// The gateway's one wire contract (sandbox/payment-gateway/schemas.ts), narrowed to the
// fields this adapter reads: an answer is checked, and a field it ignores may change freely.
const wireTransactionSchema = transactionSchema.pick({
  id: true,
  type: true,
  status: true,
  amount: true,
  reference: true,
  authorizationId: true,
  captureId: true,
  declineCode: true,
  message: true,
  createdAt: true,
  settlementDate: true,
});
type WireTransaction = z.infer<typeof wireTransactionSchema>;
const wireSettlementSchema = settlementSchema.extend({ items: z.array(wireTransactionSchema) });

/** The provider-neutral transaction: every field read from the wire but the gateway's message. */
function toTransaction({ message: _message, ...transaction }: WireTransaction): PaymentTransaction {
  return transaction;
}

/** A 2xx whose content contradicts the call (e.g. a capture answered with a refund). */
function unexpected(what: string, wire: WireTransaction): never {
  throw new PaymentProviderUnavailable(`payment provider answered ${what} with a ${wire.type} (${wire.status})`);
}

/**
 * The PaymentProvider over the sandbox gateway's HTTP API (sandbox/payment-gateway/):
 * the production adapter of a real provider has the same shape, only its wire format differs.
 */
export function createSandboxPaymentProvider(options: SandboxPaymentProviderOptions): PaymentProvider {
  const http = createPaymentHttp(options);
  const post = async (path: string, body: unknown, idempotencyKey: string) =>
    (await http(wireTransactionSchema, 'POST', path, { body, idempotencyKey }))!;
  const authorizationPath = (id: string, action: 'capture' | 'void') =>
    `/v1/authorizations/${encodeURIComponent(id)}/${action}`;

  return {
    async authorize({ amount, paymentToken, reference, idempotencyKey }): Promise<AuthorizeResult> {
      const wire = await post('/v1/authorizations', { amount, paymentToken, reference }, idempotencyKey);
      if (wire.type !== 'authorization') unexpected('an authorisation', wire);
      if (wire.status === 'authorized') return { status: 'authorized', authorizationId: wire.id };
      if (wire.status === 'declined')
        return {
          status: 'declined',
          authorizationId: wire.id,
          declineCode: wire.declineCode ?? 'declined',
          message: wire.message ?? 'The payment was declined.',
        };
      return unexpected('an authorisation', wire);
    },

    async capture({ authorizationId, amount, idempotencyKey }) {
      const wire = await post(authorizationPath(authorizationId, 'capture'), amount ? { amount } : {}, idempotencyKey);
      if (wire.type !== 'capture') unexpected('a capture', wire);
      return { status: 'captured', captureId: wire.id, authorizationId, amount: wire.amount };
    },

    async void({ authorizationId, idempotencyKey }) {
      const wire = await post(authorizationPath(authorizationId, 'void'), {}, idempotencyKey);
      if (wire.type !== 'void') unexpected('a void', wire);
      return { status: 'voided', voidId: wire.id, authorizationId };
    },

    async refund(request) {
      const { amount, reason, idempotencyKey } = request;
      const target =
        'captureId' in request ? { captureId: request.captureId } : { authorizationId: request.authorizationId };
      const wire = await post('/v1/refunds', { ...target, amount, reason }, idempotencyKey);
      if (wire.type !== 'refund' || !wire.captureId) unexpected('a refund', wire);
      return {
        status: 'refunded',
        refundId: wire.id,
        captureId: wire.captureId,
        amount: wire.amount,
        requestedAt: wire.createdAt,
        settlementDate: wire.settlementDate,
      };
    },

    async payout({ amount, beneficiary, reference, idempotencyKey }) {
      const wire = await post('/v1/payouts', { amount, beneficiary, reference }, idempotencyKey);
      if (wire.type !== 'payout') unexpected('a payout', wire);
      return { status: 'paid', payoutId: wire.id, amount: wire.amount };
    },

    async getTransaction(id) {
      const wire = await http(wireTransactionSchema, 'GET', `/v1/transactions/${encodeURIComponent(id)}`, {
        notFoundAsNull: true,
      });
      return wire ? toTransaction(wire) : null;
    },

    async listSettlements(date): Promise<Settlement> {
      const wire = (await http(wireSettlementSchema, 'GET', `/v1/settlements?date=${encodeURIComponent(date)}`))!;
      return { date: wire.date, items: wire.items.map(toTransaction), totals: wire.totals };
    },
  };
}
