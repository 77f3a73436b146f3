import { z } from 'zod';
import {
  complaintCategories,
  complaintRemedySchema,
  complaintStatuses,
  recoveryClaimStatuses,
} from '../../domain/complaints';

const amount = z.number().int().positive().max(100_000_000).describe('minor units (fen)');
const text = (max: number) => z.string().trim().min(1).max(max);

export const complaintIdParamsSchema = z.object({ id: z.uuid() });

/** T/QGCML 3125 §4.8: what a consumer complains about, and the remedy they would like. */
export const fileComplaintBodySchema = z
  .object({
    orderId: z.uuid(),
    category: z.enum(complaintCategories),
    description: z.string().trim().min(5).max(4000),
    desiredRemedy: complaintRemedySchema.optional(),
  })
  .strict();

export const proposalSchema = z
  .object({ remedy: complaintRemedySchema, amount: amount.optional() })
  .strict()
  .refine((p) => p.remedy !== 'compensation' || p.amount !== undefined, {
    path: ['amount'],
    message: 'a compensation proposal needs an amount',
  });

export const respondBodySchema = z.object({ message: text(4000), proposal: proposalSchema.optional() }).strict();
export const messageBodySchema = z
  .object({
    message: text(4000),
    /** Staff only: this records the platform contacting the party (§4.8). */
    contactedParty: z.boolean().optional(),
  })
  .strict();
export const proposalDecisionBodySchema = z.object({ accept: z.boolean() }).strict();
export const advanceCompensationBodySchema = z.object({ amount, reason: z.string().trim().min(3).max(500) }).strict();
export const resolveBodySchema = z.object({ remedy: complaintRemedySchema, summary: text(2000) }).strict();
export const reopenBodySchema = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();

const compensationView = z.object({
  kind: z.enum(['advance', 'agreed']),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(['awaiting_approval', 'paying', 'paid', 'refused']),
  requestedBy: z.string(),
  approvedBy: z.string().nullable(),
  paidAt: z.string().nullable(),
});

export const complaintViewSchema = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  category: z.enum(complaintCategories),
  description: z.string(),
  desiredRemedy: complaintRemedySchema.nullable(),
  status: z.enum(complaintStatuses),
  responsibleParty: z.object({ kind: z.enum(['merchant', 'carrier', 'platform']), id: z.string().nullable() }),
  deadlines: z.object({
    partyResponse: z.iso.datetime().nullable().describe('merchantComplaintResponse / courierComplaintResponse'),
    firstResponse: z.iso.datetime().describe('complaintFirstResponse: the platform’s promise (§4.7)'),
    reopenBy: z.iso.datetime().nullable(),
  }),
  commitmentVersion: z.number().int(),
  proposal: z.object({ remedy: complaintRemedySchema, amount: z.number().int().optional() }).nullable(),
  acceptedRemedy: complaintRemedySchema.nullable(),
  returnId: z.uuid().nullable().describe('the return an accepted return or exchange started (GET /returns/:id)'),
  compensation: compensationView.nullable(),
  resolution: z.object({ remedy: complaintRemedySchema, summary: z.string(), at: z.string() }).nullable(),
  staffTask: z.object({ kind: z.string(), detail: z.string(), openedAt: z.string() }).nullable(),
  messages: z.array(
    z.object({ id: z.uuid(), kind: z.string(), authorRole: z.string(), body: z.string(), at: z.iso.datetime() }),
  ),
  createdAt: z.iso.datetime(),
});
export type ComplaintView = z.infer<typeof complaintViewSchema>;

export const complaintOutcomeSchema = z.object({
  id: z.uuid(),
  status: z.enum(complaintStatuses),
  compensation: z.object({ amount: z.number().int(), status: z.string() }).optional(),
});

export const claimIdParamsSchema = z.object({ id: z.uuid() });
export const recoveryPaymentBodySchema = z
  .object({ amount, method: z.enum(['payment', 'settlement_deduction']).default('payment') })
  .strict();
export const disputeBodySchema = z.object({ evidence: z.string().trim().min(3).max(4000) }).strict();
export const disputeDecisionBodySchema = z
  .object({ decision: z.enum(['upheld', 'withdrawn']), note: z.string().trim().min(3).max(1000) })
  .strict();
export const writeOffBodySchema = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();

export const recoveryClaimViewSchema = z.object({
  id: z.uuid(),
  complaintId: z.uuid(),
  party: z.object({ kind: z.enum(['merchant', 'carrier']), id: z.string() }),
  status: z.enum(recoveryClaimStatuses),
  currency: z.string(),
  claimed: z.number().int(),
  recovered: z.number().int(),
  writtenOff: z.number().int(),
  outstanding: z.number().int(),
  reason: z.string(),
  dueAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  ledger: z.array(
    z.object({
      kind: z.enum(['claimed', 'recovered', 'written_off']),
      amount: z.number().int(),
      method: z.string().nullable(),
      note: z.string().nullable(),
      at: z.iso.datetime(),
    }),
  ),
});
