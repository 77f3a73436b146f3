import { z } from 'zod';
import { cancelReasonSchema, orderStatusSchema } from '../../domain/order-status';

/** What the consumer commits to (T/QGCML 3125 §5.4: prices are the ones shown now). */
export const placeOrderBodySchema = z
  .object({
    items: z
      .array(z.object({ productId: z.uuid(), quantity: z.number().int().min(1).max(999) }).strict())
      .min(1)
      .max(50),
    shippingAddress: z
      .object({
        name: z.string().trim().min(1).max(100),
        phone: z.string().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number'),
        address: z.string().trim().min(5).max(300),
      })
      .strict(),
    payment: z.object({ method: z.enum(['card', 'wallet']), token: z.string().min(1).max(200) }).strict(),
  })
  .strict();
export type PlaceOrderBody = z.infer<typeof placeOrderBodySchema>;

const amountSchema = z.number().int().describe('minor units (fen)');

export const orderViewSchema = z
  .object({
    id: z.uuid(),
    status: orderStatusSchema,
    cancelReason: cancelReasonSchema.nullable(),
    merchantId: z.uuid(),
    items: z.array(
      z.object({
        productId: z.uuid(),
        sku: z.string(),
        name: z.string(),
        unitPrice: amountSchema,
        quantity: z.number().int(),
        lineAmount: amountSchema,
      }),
    ),
    /** Goods and delivery shown apart before and after the consumer commits (§5.4). */
    amounts: z.object({ goods: amountSchema, delivery: amountSchema, total: amountSchema, currency: z.string() }),
    confirmBy: z.iso.datetime().nullable(),
    commitmentVersion: z.number().int().nullable(),
    termsVersion: z
      .string()
      .nullable()
      .describe('The terms of sale confirmed by placing the order: /disclosures/terms'),
    placedAt: z.iso.datetime(),
    timeline: z.array(z.object({ type: z.string(), at: z.iso.datetime(), details: z.record(z.string(), z.unknown()) })),
  })
  .meta({ id: 'Order' });
export type OrderView = z.infer<typeof orderViewSchema>;

export const orderIdParamsSchema = z.object({ id: z.uuid() });

export const decisionOutcomeSchema = z.object({
  id: z.uuid(),
  status: orderStatusSchema,
  cancelReason: cancelReasonSchema.optional(),
});
