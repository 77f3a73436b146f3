// The platform's published service commitments (T/QGCML 3125 §4.7, §4.8: "order-confirmation
// and service-response times are published prominently", "response times for every
// transaction activity are published"). Every duration counts *service time* on the
// calendar of the set: on 5x8 one working day is PT8H, on 7x24 PT8H is eight wall-clock
// hours (domain/service-calendar.ts).
//
// Workflows use `import type` only: this module imports the service calendar, whose holiday
// data must never run in a replay. Deadlines come from the resolveDeadlines activity.
import { z } from 'zod';
import { HOUR_MS } from './china-time';
import { isIsoDuration, parseIsoDuration } from './iso-duration';
import { calendarKinds, isoDurationSchema, type CalendarKind } from './service-calendar';

/** Below a second a commitment promises nothing anyone could keep or measure; zero is refused. */
export const MIN_TERM_MS = 1_000;

/** A commitment reaching more than a year of service time ahead is a typo, not a promise. */
export const MAX_TERM_MS: Record<CalendarKind, number> = {
  '7x24': 366 * 24 * HOUR_MS, // P366D of wall time
  '5x8': 261 * 8 * HOUR_MS, // the working days of a year, 8 service hours each
};

const term = isoDurationSchema
  .refine((text) => !isIsoDuration(text) || parseIsoDuration(text) >= MIN_TERM_MS, {
    error: 'must be at least PT1S: a zero commitment promises nothing',
  })
  .describe('ISO-8601 duration of service time on the calendar, e.g. PT8H (1 working day on 5x8)');

export const serviceCommitmentsSchema = z
  .object({
    // T/QGCML 3125 §4.7, §4.8: order processing and complaint handling run at least 5 x 8
    // (Mon-Fri 09:00-17:00 Asia/Shanghai, statutory holidays excluded), ideally 7 x 24.
    calendar: z.enum(calendarKinds),
    // T/QGCML 3125 §4.7: an order is confirmed within 1 working day of being placed.
    orderConfirmation: term,
    // T/QGCML 3125 §4.7: a complaint about product quality or delivery gets a response
    // within half a working day (from the responsible party, or else from the platform).
    complaintFirstResponse: term,
    // T/QGCML 3125 §4.8: the time a merchant has to answer a complaint before the platform
    // contacts it and answers the consumer itself (quality complaints go to the merchant).
    merchantComplaintResponse: term,
    // T/QGCML 3125 §6.1: couriers answer delivery complaints within 1 working day; after
    // that the platform steps in (§4.8).
    courierComplaintResponse: term,
    // T/QGCML 3125 §6.2.2: goods are handed over to the courier within the agreed time,
    // counted from the order's confirmation.
    handover: term,
    // T/QGCML 3125 §6.1: on-time delivery against the contracted time, from the handover.
    delivery: term,
    // T/QGCML 3125 §6.1: the courier remits cash-on-delivery money as contracted, from delivery.
    codRemittance: term,
    // T/QGCML 3125 §6.4, §4.8 (remedies: exchange, return): the merchant decides on a
    // return or exchange request within this time.
    returnApproval: term,
    // T/QGCML 3125 §6.4: an eligible refund is transferred within the contracted time once
    // the returned goods are confirmed.
    refund: term,
    // The terms below came with the returnRefund process (issue 11). Each has a default so
    // that versions stored before them (version 1 and any published since) still parse and
    // keep their meaning: a version that never named them promises the defaults.
    //
    // T/QGCML 3125 §6.4, §4.8: the time after delivery within which a consumer may ask to
    // return goods without giving a reason (the e-commerce norm in China: 7 calendar days).
    returnWindow: term.default('PT40H'),
    // T/QGCML 3125 §4.8, §5.7: the longer window for goods with a fault of the merchant's
    // (quality, damaged, wrong item, missing, not as described).
    faultReturnWindow: term.default('PT120H'),
    // T/QGCML 3125 §6.4, §6.1: the carrier delivers a return shipment to the merchant within
    // this time of booking it.
    returnShipment: term.default('PT40H'),
    // T/QGCML 3125 §6.4: the merchant checks received goods against the order within this time.
    returnInspection: term.default('PT16H'),
    // T/QGCML 3125 §4.8 (advance compensation, then recovery): the party at fault pays the
    // platform back within this time of being claimed.
    recoveryClaimDue: term,
    // T/QGCML 3125 §4.8: the interval between reminders while a recovery claim is unpaid.
    recoveryClaimReminder: term,
    // T/QGCML 3125 §5.7 (result tracking): how long after a resolution the consumer may
    // reopen the complaint. A default, so versions stored before this term still parse.
    complaintReopenWindow: term.default('PT56H'),
  })
  .superRefine((commitments, ctx) => {
    const max = MAX_TERM_MS[commitments.calendar];
    for (const name of serviceTerms) {
      const text = commitments[name];
      if (max !== undefined && isIsoDuration(text) && parseIsoDuration(text) > max) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `must be at most one year of service time on the ${commitments.calendar} calendar`,
        });
      }
    }
  });

export type ServiceCommitments = z.infer<typeof serviceCommitmentsSchema>;
/** The name of one duration in a commitment set ("orderConfirmation", "refund", …). */
export type ServiceTerm = Exclude<keyof ServiceCommitments, 'calendar'>;

/** Every term, in the order of the schema (and of the published page). */
export const serviceTerms = Object.keys(serviceCommitmentsSchema.shape).filter(
  (key): key is ServiceTerm => key !== 'calendar',
);
export const serviceTermSchema = z.enum(serviceTerms as [ServiceTerm, ...ServiceTerm[]]);

/**
 * The standard's figures where it gives one, and our published defaults where it says "as
 * contracted". Migration …_service_commitment_version seeds version 1 with a frozen copy.
 */
export const defaultServiceCommitments: Readonly<ServiceCommitments> = Object.freeze(
  serviceCommitmentsSchema.parse({
    calendar: '5x8', // §4.7 minimum; 7x24 is the ideal a platform may publish instead
    orderConfirmation: 'PT8H', // §4.7: 1 working day
    complaintFirstResponse: 'PT4H', // §4.7: half a working day
    merchantComplaintResponse: 'PT4H', // §4.7: quality complaints are answered within half a working day
    courierComplaintResponse: 'PT8H', // §6.1: delivery complaints within 1 working day
    handover: 'PT16H', // §6.2.2 agreed time: 2 working days (the usual 48-hour dispatch promise)
    delivery: 'PT40H', // §6.1 contracted time: 5 working days
    codRemittance: 'PT40H', // §6.1 as contracted: 5 working days after delivery
    returnApproval: 'PT16H', // §6.4: 2 working days to decide on a return request
    refund: 'PT40H', // §6.4 contracted time: 5 working days (7 calendar days)
    returnWindow: 'PT40H', // §6.4: 5 working days, the 7 calendar days of the no-reason norm
    faultReturnWindow: 'PT120H', // §4.8: 15 working days for goods with a fault
    returnShipment: 'PT40H', // §6.4: the carrier brings a return back within 5 working days
    returnInspection: 'PT16H', // §6.4: 2 working days to check what came back
    recoveryClaimDue: 'PT80H', // §4.8: 10 working days to pay back an advance compensation
    recoveryClaimReminder: 'PT24H', // §4.8: a reminder every 3 working days while unpaid
    complaintReopenWindow: 'PT56H', // §5.7: 7 working days to reopen a resolved complaint
  }),
);
