// Service calendars: how much of the wall-clock time counts towards a published service
// commitment. T/QGCML 3125 §4.7 and §4.8 require order processing and complaint handling
// to run at least 5 days x 8 hours a week with statutory holidays excluded, ideally 7 x 24;
// "1 working day" to confirm an order is PT8H and "half a working day" to answer a
// complaint is PT4H on the 5x8 calendar.
//
// WORKFLOWS MUST NEVER IMPORT THIS FILE. The 5x8 calendar depends on statutory-holiday data
// that changes whenever the State Council publishes a new year (staff load it), so a
// deadline computed here during replay could differ from the one computed originally.
// Compute deadlines in an activity and hand the resulting instant to the workflow.
//
// Pure and deterministic: no I/O, no clock. Asia/Shanghai is UTC+8 all year (no DST), so
// Shanghai wall time is plain offset arithmetic.
//
// The holiday data is an argument (a HolidayCalendar built by the caller from the years in
// force when the process started: the package's, overridden by notices staff loaded), never
// read here.
import { z } from 'zod';
import { DAY_MS, HOUR_MS, SHANGHAI_OFFSET_MS } from './china-time';
import type { HolidayCalendar } from './holiday-calendar';
import { isIsoDuration, isoDurationMessage } from './iso-duration';

export const calendarKinds = ['7x24', '5x8'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

/** API input: an ISO-8601 service-time duration ("PT8H"). Kept here so that
 * domain/iso-duration.ts stays import-free for workflows. */
export const isoDurationSchema = z.string().refine(isIsoDuration, { error: isoDurationMessage });

// T/QGCML 3125 §4.7: the 5x8 service window, 09:00-17:00 Shanghai time, no lunch break.
const OPENS_AT = 9 * HOUR_MS;
const CLOSES_AT = 17 * HOUR_MS;
// Bound on the day-by-day walk; a commitment longer than this is an input error.
const MAX_DAYS = 100 * 366;

/** The years in [from, to] (Shanghai) whose holiday arrangement is not known; none on 7x24. */
export function missingHolidayYears(from: Date, to: Date, calendar: CalendarKind, holidays: HolidayCalendar): number[] {
  if (calendar === '7x24') return [];
  const first = shanghaiYear(instant(from, 'from'));
  const last = shanghaiYear(instant(to, 'to'));
  const missing: number[] = [];
  for (let year = first; year <= last; year++) if (!holidays.covers(year)) missing.push(year);
  return missing;
}

/** Human-readable warning for a year without data: deadlines in it count plain weekdays. */
export function missingYearNotice(year: number): string {
  return `no statutory-holiday data for ${year} yet: 5x8 counts plain weekdays`;
}

/** Human-readable warnings about the calendar over [from, to]; empty when all is known. */
export function calendarNotices(from: Date, to: Date, calendar: CalendarKind, holidays: HolidayCalendar): string[] {
  return missingHolidayYears(from, to, calendar, holidays).map(missingYearNotice);
}

/**
 * The instant at which `durationMs` of service time has elapsed after `start`. On 5x8 a
 * start outside working hours counts from the next opening; a duration that fills a
 * period exactly ends at its close (Mon 09:00 + PT8H = Mon 17:00); 0 returns `start`.
 */
export function addServiceTime(
  start: Date,
  durationMs: number,
  calendar: CalendarKind,
  holidays: HolidayCalendar,
): Date {
  const startMs = instant(start, 'start');
  if (!Number.isSafeInteger(durationMs) || durationMs < 0) {
    throw new RangeError(`service duration must be a non-negative whole number of ms, got ${durationMs}`);
  }
  if (durationMs === 0 || calendar === '7x24') return new Date(startMs + durationMs);

  let remaining = durationMs;
  let day = dayIndex(startMs);
  for (let steps = 0; steps < MAX_DAYS; steps++, day++) {
    if (!isWorkingDay(day, holidays)) continue;
    const opens = dayStart(day) + OPENS_AT;
    const closes = dayStart(day) + CLOSES_AT;
    const from = Math.max(startMs, opens);
    if (from >= closes) continue;
    if (remaining <= closes - from) return new Date(from + remaining);
    remaining -= closes - from;
  }
  throw new RangeError(`service duration ${durationMs} ms reaches more than 100 years ahead`);
}

/** Milliseconds of service time in [from, to); 0 when `to` is not after `from`. */
export function serviceTimeBetween(from: Date, to: Date, calendar: CalendarKind, holidays: HolidayCalendar): number {
  const fromMs = instant(from, 'from');
  const toMs = instant(to, 'to');
  if (toMs <= fromMs) return 0;
  if (calendar === '7x24') return toMs - fromMs;

  let total = 0;
  for (let day = dayIndex(fromMs); dayStart(day) < toMs; day++) {
    if (!isWorkingDay(day, holidays)) continue;
    const overlap = Math.min(toMs, dayStart(day) + CLOSES_AT) - Math.max(fromMs, dayStart(day) + OPENS_AT);
    if (overlap > 0) total += overlap;
  }
  return total;
}

// Days are counted from 1970-01-01 in Shanghai; day d starts at d * DAY_MS - 8 h UTC.
function dayIndex(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

function dayStart(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

function shanghaiYear(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

// T/QGCML 3125 §4.7 "5 x 8, holidays excluded", on the holiday data passed in.
function isWorkingDay(day: number, holidays: HolidayCalendar): boolean {
  const midnight = new Date(day * DAY_MS); // Shanghai calendar date, read with UTC getters
  return holidays.isWorkingDate(midnight.toISOString().slice(0, 10), midnight.getUTCDay());
}

function instant(value: Date, name: string): number {
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}
