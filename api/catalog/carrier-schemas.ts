import { z } from 'zod';
import type { Carrier } from '../../db/entities/carrier.entity';
import { carrierContractTermsSchema } from '../../domain/carrier-contract';

export const createCarrierSchema = z.object({
  name: z.string().trim().min(1).max(200),
  contactEmail: z.email().max(320).describe('business address for handover and complaint mail'),
  contractTerms: carrierContractTermsSchema,
});

export const carrierViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    contactEmail: z.string(),
    contractTerms: carrierContractTermsSchema,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Carrier' });

export function carrierView(carrier: Carrier): z.infer<typeof carrierViewSchema> {
  return {
    id: carrier.id,
    name: carrier.name,
    contactEmail: carrier.contactEmail,
    contractTerms: carrier.contractTerms,
    createdAt: carrier.createdAt.toISOString(),
  };
}
