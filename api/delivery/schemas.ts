import { z } from 'zod';
import { problemSchema } from '../shared/problem';
import { slipSignatureViewSchema } from '../shared/slip-signing';

export const draftHandoverBodySchema = z
  .object({
    carrierId: z.uuid(),
    packages: z
      .array(
        z
          .object({
            items: z
              .array(z.object({ productId: z.uuid(), quantity: z.number().int().min(1).max(999) }).strict())
              .min(1)
              .max(50),
            weightGrams: z.number().int().min(1).max(1_000_000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    declaredValue: z.number().int().min(0).optional().describe('minor units; default the goods value on the slip'),
    cashOnDelivery: z
      .object({ amount: z.number().int().min(1) })
      .strict()
      .optional(),
  })
  .strict();
export type DraftHandoverBody = z.infer<typeof draftHandoverBodySchema>;

export const signHandoverBodySchema = z
  .object({
    /** The named person who hands over or takes custody on this side (T/QGCML 3125 §6.2.2). */
    custodianName: z.string().trim().min(1).max(100),
    /** The signer checked the goods and their packaging against the slip. */
    goodsAndPackagingConfirmed: z.literal(true),
  })
  .strict();

export const slipViewSchema = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    merchantId: z.uuid(),
    carrierId: z.uuid(),
    status: z.enum(['draft', 'signed_by_merchant', 'signed_by_carrier', 'signed']),
    content: z.record(z.string(), z.unknown()).describe('what both parties sign (canonical JSON, sorted keys)'),
    recipient: z
      .object({ name: z.string(), phone: z.string(), address: z.string() })
      .nullable()
      .describe('only for the two parties, who need it for delivery'),
    signatures: z.array(slipSignatureViewSchema),
    publicKeys: z.record(z.string(), z.object({ keyId: z.string(), pem: z.string() })),
    handedOverAt: z.string().nullable(),
    shipmentId: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'HandoverSlip' });
export type SlipView = z.infer<typeof slipViewSchema>;

export const handoverIdParamsSchema = z.object({ id: z.uuid() });

/**
 * What drafting a slip takes and answers, for an order's delivery and an exchange's
 * replacement alike (`POST /orders/:id/handover`, `POST /returns/:id/replacement-handover`).
 */
export const draftSlipContract = {
  body: draftHandoverBodySchema,
  response: { 201: slipViewSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema },
};
