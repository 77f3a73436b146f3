// What a courier company has contracted to (T/QGCML 3125 §6.1 on-time delivery and cash-
// on-delivery remittance as contracted, §6.2.2 handover within the agreed time, §4.8
// complaint response). Durations are ISO-8601 *service time* on the contract's calendar,
// like the platform's service commitments (domain/service-commitments.ts): on 5x8, PT8H is
// one working day.
import { z } from 'zod';
import { isIsoDuration, parseIsoDuration } from './iso-duration';
import { calendarKinds, isoDurationSchema } from './service-calendar';
import { MAX_TERM_MS, MIN_TERM_MS } from './service-commitments';

const term = isoDurationSchema.refine((text) => !isIsoDuration(text) || parseIsoDuration(text) >= MIN_TERM_MS, {
  error: 'must be at least PT1S: a zero time limit promises nothing',
});

const termNames = ['handoverWithin', 'deliveryWithin', 'codRemittanceWithin', 'complaintResponseWithin'] as const;

export const carrierContractTermsSchema = z
  .object({
    calendar: z.enum(calendarKinds),
    // §6.2.2: the courier collects the goods within this time of the merchant's handover request.
    handoverWithin: term,
    // §6.1: delivered within this time of the handover.
    deliveryWithin: term,
    // §6.1: cash collected on delivery reaches the platform within this time of delivery.
    codRemittanceWithin: term,
    // §4.8, §6.1: the courier answers a delivery complaint within this time.
    complaintResponseWithin: term,
  })
  .superRefine((terms, context) => {
    for (const name of termNames) {
      const text = terms[name];
      if (isIsoDuration(text) && parseIsoDuration(text) > MAX_TERM_MS[terms.calendar])
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `must be at most a year of service time on the ${terms.calendar} calendar`,
        });
    }
  })
  .meta({ id: 'CarrierContractTerms' });

export type CarrierContractTerms = z.infer<typeof carrierContractTermsSchema>;
