import { z } from 'zod';

// The sandbox gateway's wire format as this adapter reads it. Kept apart from the
// gateway's own schemas on purpose: the gateway stands for another company's system, and
// the adapter checks what comes over the wire instead of trusting shared code.

const amount = z.object({ value: z.number().int().min(0), currency: z.string() });

export const wireTransactionSchema = z.object({
  id: z.string(),
  type: z.enum(['authorization', 'capture', 'void', 'refund', 'payout']),
  status: z.string(),
  amount,
  reference: z.string(),
  authorizationId: z.string().nullable(),
  captureId: z.string().nullable(),
  declineCode: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  settlementDate: z.string().nullable(),
});
export type WireTransaction = z.infer<typeof wireTransactionSchema>;

export const wireSettlementSchema = z.object({
  date: z.string(),
  items: z.array(wireTransactionSchema),
  totals: z.array(
    z.object({
      currency: z.string(),
      captured: z.number().int(),
      refunded: z.number().int(),
      paidOut: z.number().int(),
      net: z.number().int(),
    }),
  ),
});

export const wireErrorSchema = z.object({
  error: z.object({ type: z.string(), code: z.string(), message: z.string(), param: z.string().optional() }),
});
