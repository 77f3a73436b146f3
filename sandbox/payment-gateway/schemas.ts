import { z } from 'zod';

// The sandbox gateway's wire contract, shaped like a real gateway's API: what it accepts and
// what it answers. The platform's adapter (activities/shared/providers/sandbox-payment-provider.ts,
// payment-http.ts) parses answers with these schemas, as the logistics adapter does with the
// carrier's; the gateway's serializer holds every answer to them.

/** Minor units (fen for CNY) as an integer, never a float. */
export const moneySchema = z.object({
  value: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY'),
});
const positiveMoneySchema = moneySchema.extend({ value: moneySchema.shape.value.min(1, 'must be at least 1') });

/** Our ids and the merchant's references: printable, no spaces, short. */
const referenceSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be 1-100 letters, digits or _.:-');
export const transactionIdSchema = z
  .string()
  .regex(/^(auth|cap|void|re|po)_[A-Za-z0-9]{1,64}$/, 'is not a transaction id');

export const authorizeBodySchema = z.object({
  amount: positiveMoneySchema,
  paymentToken: z.string().min(1).max(200),
  reference: referenceSchema,
});

export const captureBodySchema = z.object({ amount: positiveMoneySchema.optional() }).default({});
export const voidBodySchema = z.object({}).default({});

export const refundBodySchema = z
  .object({
    captureId: transactionIdSchema.optional(),
    authorizationId: transactionIdSchema.optional(),
    amount: positiveMoneySchema,
    reason: z.string().min(1).max(200),
  })
  .refine((body) => (body.captureId === undefined) !== (body.authorizationId === undefined), {
    message: 'give exactly one of captureId and authorizationId',
    path: ['captureId'],
  });

export const payoutBodySchema = z.object({
  amount: positiveMoneySchema,
  // An account reference issued by the gateway's onboarding, never a name or card number.
  beneficiary: z.string().regex(/^[A-Za-z0-9_:-]{1,100}$/, 'must be an opaque account reference'),
  reference: referenceSchema,
});

export const transactionTypeSchema = z.enum(['authorization', 'capture', 'void', 'refund', 'payout']);

export const transactionSchema = z.object({
  id: z.string(),
  type: transactionTypeSchema,
  status: z.string(),
  amount: moneySchema,
  reference: z.string(),
  authorizationId: z.string().nullable(),
  captureId: z.string().nullable(),
  capturedAmount: z.number().int().nullable(),
  refundedAmount: z.number().int().nullable(),
  declineCode: z.string().nullable(),
  message: z.string().nullable(),
  reason: z.string().nullable(),
  beneficiary: z.string().nullable(),
  createdAt: z.string(),
  /** The day (Asia/Shanghai) money moved: captures, refunds and payouts only. */
  settlementDate: z.string().nullable(),
});
export type TransactionBody = z.infer<typeof transactionSchema>;

export const isoDateSchema = z.iso.date();

export const settlementSchema = z.object({
  date: z.string(),
  items: z.array(transactionSchema),
  totals: z.array(
    z.object({
      currency: z.string(),
      captured: z.number().int(),
      refunded: z.number().int(),
      paidOut: z.number().int(),
      /** What the merchant account gained that day: captured − refunded − paid out. */
      net: z.number().int(),
    }),
  ),
});

export const gatewayErrorSchema = z.object({
  error: z.object({
    type: z.enum(['invalid_request_error', 'authentication_error', 'idempotency_error', 'api_error']),
    code: z.string(),
    message: z.string(),
    param: z.string().optional(),
  }),
});

/** What every money-moving POST answers: the new transaction (201), or a gateway error. */
export const transactionResponses = {
  201: transactionSchema,
  400: gatewayErrorSchema,
  404: gatewayErrorSchema,
  409: gatewayErrorSchema,
  422: gatewayErrorSchema,
};
export type GatewayErrorBody = z.infer<typeof gatewayErrorSchema>;

/** Every movement under one reference (our side's order id), counted for a quick check. */
export const ledgerSummarySchema = z.object({
  reference: z.string(),
  authorizations: z.object({
    authorized: z.number().int(),
    captured: z.number().int(),
    voided: z.number().int(),
    declined: z.number().int(),
  }),
  captures: z.number().int(),
  capturedAmount: z.number().int(),
  refunds: z.number().int(),
  refundedAmount: z.number().int(),
  payouts: z.number().int(),
  paidOutAmount: z.number().int(),
  transactions: z.array(transactionSchema),
});
export type LedgerSummary = z.infer<typeof ledgerSummarySchema>;

export const faultsSchema = z.object({
  latencyMs: z.number().int().min(0).max(60_000),
  failureRate: z.number().min(0).max(1),
  /** before: the request fails unprocessed; after: it is processed, then the answer is lost. */
  failurePoint: z.enum(['before', 'after']),
});
export type Faults = z.infer<typeof faultsSchema>;
