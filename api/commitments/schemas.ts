import { z } from 'zod';
import type { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import type { HolidayCalendar } from '../../domain/holiday-calendar';
import { calendarKinds } from '../../domain/service-calendar';
import {
  describeCalendar,
  describeServiceDuration,
  publishedCalendarNotices,
  serviceTermInfo,
} from '../../domain/service-commitment-text';
import {
  serviceCommitmentsSchema,
  serviceTerms,
  serviceTermSchema,
  type ServiceTerm,
} from '../../domain/service-commitments';

/** PUT body: the full set (every term, no unknown keys) and why it changes. */
export const serviceCommitmentsChangeSchema = serviceCommitmentsSchema
  .extend({
    reason: z.string().trim().min(3).max(500).describe('why the commitments change (kept with the version)'),
  })
  .strict();

const publishedTermSchema = z.object({
  duration: z.string().describe('ISO-8601 service time, e.g. PT8H'),
  description: z.string().describe('the same for people, with the calendar it counts on'),
  label: z.string(),
  clause: z.string().describe('the clause of T/QGCML 3125 it keeps'),
});

/** The published promise (T/QGCML 3125 §4.7, §4.8), as GET returns it. */
export const publishedServiceCommitmentsSchema = z
  .object({
    version: z.number().int(),
    effectiveFrom: z.iso.datetime(),
    /** Exactly what a PUT takes (minus its reason). */
    commitments: serviceCommitmentsSchema,
    calendar: z.object({ kind: z.enum(calendarKinds), description: z.string() }),
    terms: z.record(serviceTermSchema, publishedTermSchema),
    /** Years of this year and next whose holiday notice is not loaded (then 5x8 counts plain weekdays). */
    notices: z.array(z.string()),
  })
  .meta({ id: 'ServiceCommitments' });

export type PublishedServiceCommitments = z.infer<typeof publishedServiceCommitmentsSchema>;

/** PUT's answer: the new version, with who changed it and why (staff only). */
export const changedServiceCommitmentsSchema = publishedServiceCommitmentsSchema
  .extend({ changedBy: z.string(), reason: z.string() })
  .meta({ id: 'ServiceCommitmentsChange' });

/** `holidays`: the holiday years in force at `now`, for the notices about missing years. */
export function presentServiceCommitments(
  version: ServiceCommitmentVersion,
  holidays: HolidayCalendar,
  now: Date = new Date(),
): PublishedServiceCommitments {
  const commitments = version.parsedCommitments();
  const { calendar } = commitments;
  const terms = Object.fromEntries(
    serviceTerms.map((term) => [
      term,
      {
        duration: commitments[term],
        description: describeServiceDuration(commitments[term], calendar),
        ...serviceTermInfo[term],
      },
    ]),
  ) as PublishedServiceCommitments['terms'];
  return {
    version: version.version,
    effectiveFrom: version.effectiveFrom.toISOString(),
    commitments,
    calendar: { kind: calendar, description: describeCalendar(calendar) },
    terms,
    notices: publishedCalendarNotices(now, calendar, holidays),
  };
}

/** Term names whose duration differs between two sets (for the audit event). */
export function changedTerms(
  before: Record<ServiceTerm | 'calendar', string> | undefined,
  after: Record<ServiceTerm | 'calendar', string>,
): string[] {
  return (['calendar', ...serviceTerms] as const).filter((key) => before?.[key] !== after[key]);
}
