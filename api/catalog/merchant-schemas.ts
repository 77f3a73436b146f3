import { z } from 'zod';
import type { Merchant } from '../../db/entities/merchant.entity';
import { merchantStatuses } from '../../db/entities/merchant.entity';
import {
  isValidAt,
  maskQualificationNumber,
  qualificationSchema,
  qualificationTypeSchema,
} from '../../domain/qualifications';

/** Staff file a merchant with the documents they reviewed (T/QGCML 3125 §4.4). */
export const createMerchantSchema = z.object({
  name: z.string().trim().min(1).max(200),
  contactEmail: z.email().max(320).describe('business address for order mail'),
  qualifications: z.array(qualificationSchema).min(1).max(50),
});

const qualificationViewSchema = z.object({
  type: qualificationTypeSchema,
  number: z.string().describe('partly masked in the public view (§4.5)'),
  issuer: z.string(),
  validUntil: z.iso.date(),
  validNow: z.boolean(),
});

export const merchantViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    qualifications: z.array(qualificationViewSchema),
    qualificationsValid: z.boolean().describe('every required document on file and none lapsed (§4.4)'),
    // Only for staff and the merchant itself:
    contactEmail: z.string().optional(),
    status: z.enum(merchantStatuses).optional(),
    filedAt: z.iso.datetime().optional(),
    lastReviewedAt: z.iso.datetime().optional(),
    expiringSoon: z.array(qualificationSchema).optional().describe('due for re-review (§4.4)'),
  })
  .meta({ id: 'Merchant' });
export type MerchantView = z.infer<typeof merchantViewSchema>;

/**
 * The public view discloses the merchant's qualifications (T/QGCML 3125 §4.5) with their
 * numbers masked; `privileged` (staff, the merchant itself) adds the filing record.
 */
export function merchantView(merchant: Merchant, privileged: boolean, now: Date): MerchantView {
  const publicView: MerchantView = {
    id: merchant.id,
    name: merchant.name,
    qualifications: merchant.qualifications.map((q) => ({
      type: q.type,
      number: privileged ? q.number : maskQualificationNumber(q.number),
      issuer: q.issuer,
      validUntil: q.validUntil,
      validNow: isValidAt(q, now),
    })),
    qualificationsValid: merchant.qualificationsValidAt(now),
  };
  if (!privileged) return publicView;
  return {
    ...publicView,
    contactEmail: merchant.contactEmail,
    status: merchant.status,
    filedAt: merchant.filedAt.toISOString(),
    lastReviewedAt: merchant.lastReviewedAt.toISOString(),
    expiringSoon: merchant.qualificationsExpiringWithin(now),
  };
}
