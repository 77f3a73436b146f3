import { z } from 'zod';
import {
  itemConditionSchema,
  requestedReturnTypeSchema,
  returnReasonSchema,
  returnStatusSchema,
  returnTypeSchema,
} from '../../domain/returns';

/** A consumer's request (T/QGCML 3125 §6.4; §4.8, §5.7 return, exchange, refund remedies). */
export const requestReturnBodySchema = z
  .object({
    type: requestedReturnTypeSchema,
    reason: returnReasonSchema,
    items: z
      .array(z.object({ productId: z.uuid(), quantity: z.number().int().min(1).max(999) }).strict())
      .min(1)
      .max(50),
    description: z.string().trim().min(1).max(2000).optional(),
    evidence: z.array(z.string().trim().min(1).max(500)).max(10).optional(),
  })
  .strict();
export type RequestReturnBody = z.infer<typeof requestReturnBodySchema>;

export const approveReturnBodySchema = z
  .object({
    returnAddress: z.string().trim().min(5).max(300).optional(),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export const rejectReturnBodySchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export const inspectionBodySchema = z
  .object({
    lines: z
      .array(
        z
          .object({
            productId: z.uuid(),
            received: z.number().int().min(0).max(999),
            accepted: z.number().int().min(0).max(999),
            condition: itemConditionSchema,
            note: z.string().trim().min(1).max(500).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict();
export type InspectionBody = z.infer<typeof inspectionBodySchema>;
export const signReturnSlipBodySchema = z
  .object({ custodianName: z.string().trim().min(1).max(100).describe('who keeps the goods on your side (§6.2.2)') })
  .strict();

/** §4.8: staff refund on a delivered order without a return; the reason is kept and audited. */
export const goodwillRefundBodySchema = z
  .object({
    amount: z.number().int().min(1).describe('minor units (fen), at most what is left of the capture'),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();

export const returnIdParamsSchema = z.object({ id: z.uuid() });
export const listReturnsQuerySchema = z.object({
  status: returnStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const amount = z.number().int().describe('minor units (fen)');
const instant = z.iso.datetime().nullable();

export const returnViewSchema = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    merchantId: z.uuid(),
    carrierId: z.uuid().nullable(),
    type: returnTypeSchema,
    reason: returnReasonSchema,
    status: returnStatusSchema,
    complaintId: z.uuid().nullable().describe('the complaint whose accepted remedy made this return (§4.8)'),
    description: z.string().nullable(),
    evidence: z.array(z.string()),
    items: z.array(
      z.object({
        productId: z.uuid(),
        name: z.string(),
        unitPrice: amount,
        quantity: z.number().int(),
        received: z.number().int().nullable(),
        accepted: z.number().int().nullable(),
        condition: itemConditionSchema.nullable(),
        note: z.string().nullable(),
      }),
    ),
    requestedAt: z.iso.datetime(),
    approveBy: instant,
    commitmentVersion: z.number().int().nullable(),
    decision: z
      .object({
        by: z.string(),
        at: z.iso.datetime(),
        note: z.string().nullable(),
        rejectReason: z.string().nullable(),
        returnAddress: z.string().nullable(),
      })
      .nullable(),
    shipment: z
      .object({ shipmentId: z.string(), merchantSigned: z.boolean(), carrierSigned: z.boolean(), receivedAt: instant })
      .nullable(),
    refund: z
      .object({
        goods: amount.nullable(),
        deliveryFee: amount.nullable(),
        total: amount.nullable(),
        currency: z.string(),
        refundBy: instant,
        refundedAt: instant,
        providerTransactionId: z.string().nullable(),
        pendingReason: z.string().nullable(),
      })
      .nullable(),
    replacement: z
      .object({
        handoverId: z.string().nullable().describe('the handover process shipping it: handover:return:<id>'),
        outcome: z.enum(['shipping', 'delivered', 'returned_to_merchant', 'out_of_stock']),
      })
      .nullable()
      .describe("an exchange's replacement (§6.4); out_of_stock or returned_to_merchant end in a refund"),
  })
  .meta({ id: 'Return' });
export type ReturnView = z.infer<typeof returnViewSchema>;

export const returnOutcomeSchema = z.object({ id: z.uuid(), status: returnStatusSchema });
