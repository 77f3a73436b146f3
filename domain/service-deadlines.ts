// Deadlines from the service commitments in force (T/QGCML 3125 §4.7, §4.8): one pure
// function that the API (inside its own transaction) and the resolveDeadlines activity
// (for workflows) both call with the commitments and the holiday years they already read.
// Workflows never call it: it runs the service calendar, whose holiday data must stay out
// of a replay.
import type { HolidayCalendar } from './holiday-calendar';
import { parseIsoDuration } from './iso-duration';
import { addServiceTime, missingHolidayYears, missingYearNotice, type CalendarKind } from './service-calendar';
import type { ServiceCommitments, ServiceTerm } from './service-commitments';

export interface ResolvedDeadlines<T extends ServiceTerm> {
  version: number;
  calendar: CalendarKind;
  /** ISO-8601 instants (UTC): startedAt + the term's service time on the calendar. */
  deadlines: Record<T, string>;
  /** Holiday-data gaps between startedAt and the last deadline (5x8 then counts plain weekdays). */
  notices: string[];
  /** The years of those gaps, so the caller can tell staff once per year. */
  missingYears: number[];
}

/** Each term counted from `startedAt` in service time on the commitments' calendar. */
export function serviceDeadlines<T extends ServiceTerm>(
  commitments: { version: number; terms: ServiceCommitments },
  startedAt: Date,
  terms: readonly T[],
  holidays: HolidayCalendar,
): ResolvedDeadlines<T> {
  const { calendar } = commitments.terms;
  const deadlines = {} as Record<T, string>;
  let last = startedAt;
  for (const term of terms) {
    const deadline = addServiceTime(startedAt, parseIsoDuration(commitments.terms[term]), calendar, holidays);
    deadlines[term] = deadline.toISOString();
    if (deadline > last) last = deadline;
  }
  const missingYears = missingHolidayYears(startedAt, last, calendar, holidays);
  return {
    version: commitments.version,
    calendar,
    deadlines,
    notices: missingYears.map(missingYearNotice),
    missingYears,
  };
}
