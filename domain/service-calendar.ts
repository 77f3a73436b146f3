// Service calendars: how much of the wall-clock time counts towards a published service
// commitment. T/QGCML 3125 §4.7 and §4.8 require order processing and complaint handling
// to run at least 5 days x 8 hours a week with statutory holidays excluded, ideally 7 x 24;
// "1 working day" to confirm an order is PT8H and "half a working day" to answer a
// complaint is PT4H on the 5x8 calendar.
//
// WORKFLOWS MUST NEVER IMPORT THIS FILE. The 5x8 calendar depends on statutory-holiday data
// that changes whenever the State Council publishes a new year (a package upgrade), so a
// deadline computed here during replay could differ from the one computed originally.
// Compute deadlines in an activity and hand the resulting instant to the workflow.
//
// Pure and deterministic: no I/O, no clock. Asia/Shanghai is UTC+8 all year (no DST), so
// Shanghai wall time is plain offset arithmetic.
//
// Holiday data comes from the `chinese-days` package's published table
// (dist/chinese-days.json), not from its date functions: in chinese-days 1.5.7 those build
// their table with the process's local time zone, and west of UTC every holiday shifts one
// day earlier (e.g. with TZ=America/New_York, 2004-01-01 reads as a working day). The table
// is keyed by calendar date and does not depend on the process.
import holidayTable from 'chinese-days/dist/chinese-days.json';
import { z } from 'zod';
import { isIsoDuration, isoDurationMessage } from './iso-duration';

export const calendarKinds = ['7x24', '5x8'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

/** API input: an ISO-8601 service-time duration ("PT8H"). Kept here so that
 * domain/iso-duration.ts stays import-free for workflows. */
export const isoDurationSchema = z.string().refine(isIsoDuration, { error: isoDurationMessage });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;
// T/QGCML 3125 §4.7: the 5x8 service window, 09:00-17:00 Shanghai time, no lunch break.
const OPENS_AT = 9 * HOUR;
const CLOSES_AT = 17 * HOUR;
// Bound on the day-by-day walk; a commitment longer than this is an input error.
const MAX_DAYS = 100 * 366;

type DayLabels = Record<string, string>; // "2026-10-01" -> "National Day,国庆节,3"
const holidays: DayLabels = holidayTable.holidays;
const adjustedWorkdays: DayLabels = holidayTable.workdays; // 调休: weekend days worked

// A year counts as covered when the table holds its New Year's Day, Spring Festival and
// National Day arrangements, i.e. the State Council's notice for that year was loaded.
// chinese-days 1.5.7 covers 2004-2026; outside that range its functions silently answer
// with plain Monday-Friday, which we do too, but say so through calendarNotices().
const coveredYears: ReadonlySet<number> = (() => {
  const festivalsByYear = new Map<number, Set<string>>();
  for (const [date, label] of Object.entries(holidays)) {
    const year = Number(date.slice(0, 4));
    const festivals = festivalsByYear.get(year) ?? new Set<string>();
    festivals.add(label.split(',')[0] ?? '');
    festivalsByYear.set(year, festivals);
  }
  const required = ["New Year's Day", 'Spring Festival', 'National Day'];
  const years = [...festivalsByYear].filter(([, names]) => required.every((n) => names.has(n)));
  return new Set(years.map(([year]) => year));
})();
const lastCoveredYear = Math.max(...coveredYears);

/** Whether statutory holidays and adjusted working days are known for `year`. */
export function holidayDataCovers(year: number): boolean {
  return coveredYears.has(year);
}

/** Human-readable warnings about the calendar over [from, to]; empty when all is known. */
export function calendarNotices(from: Date, to: Date, calendar: CalendarKind = '5x8'): string[] {
  if (calendar === '7x24') return [];
  const first = shanghaiYear(instant(from, 'from'));
  const last = shanghaiYear(instant(to, 'to'));
  const notices: string[] = [];
  for (let year = first; year <= last; year++) {
    if (!holidayDataCovers(year)) {
      const yet = year > lastCoveredYear ? ' yet' : '';
      notices.push(`no statutory-holiday data for ${year}${yet}: 5x8 counts plain weekdays`);
    }
  }
  return notices;
}

/**
 * The instant at which `durationMs` of service time has elapsed after `start`. On 5x8 a
 * start outside working hours counts from the next opening; a duration that fills a
 * period exactly ends at its close (Mon 09:00 + PT8H = Mon 17:00); 0 returns `start`.
 */
export function addServiceTime(start: Date, durationMs: number, calendar: CalendarKind): Date {
  const startMs = instant(start, 'start');
  if (!Number.isSafeInteger(durationMs) || durationMs < 0) {
    throw new RangeError(`service duration must be a non-negative whole number of ms, got ${durationMs}`);
  }
  if (durationMs === 0 || calendar === '7x24') return new Date(startMs + durationMs);

  let remaining = durationMs;
  let day = dayIndex(startMs);
  for (let steps = 0; steps < MAX_DAYS; steps++, day++) {
    if (!isWorkingDay(day)) continue;
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
export function serviceTimeBetween(from: Date, to: Date, calendar: CalendarKind): number {
  const fromMs = instant(from, 'from');
  const toMs = instant(to, 'to');
  if (toMs <= fromMs) return 0;
  if (calendar === '7x24') return toMs - fromMs;

  let total = 0;
  for (let day = dayIndex(fromMs); dayStart(day) < toMs; day++) {
    if (!isWorkingDay(day)) continue;
    const overlap = Math.min(toMs, dayStart(day) + CLOSES_AT) - Math.max(fromMs, dayStart(day) + OPENS_AT);
    if (overlap > 0) total += overlap;
  }
  return total;
}

// Days are counted from 1970-01-01 in Shanghai; day d starts at d * DAY - 8 h UTC.
function dayIndex(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET) / DAY);
}

function dayStart(day: number): number {
  return day * DAY - SHANGHAI_OFFSET;
}

function shanghaiYear(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET).getUTCFullYear();
}

// T/QGCML 3125 §4.7 "5 x 8, holidays excluded": Monday-Friday unless a statutory holiday,
// plus weekend days declared working days (调休). Uncovered years: plain Monday-Friday.
function isWorkingDay(day: number): boolean {
  const midnight = new Date(day * DAY); // Shanghai calendar date, read with UTC getters
  const weekday = midnight.getUTCDay();
  const isWeekday = weekday >= 1 && weekday <= 5;
  if (!holidayDataCovers(midnight.getUTCFullYear())) return isWeekday;
  const date = midnight.toISOString().slice(0, 10);
  if (Object.hasOwn(adjustedWorkdays, date)) return true;
  return isWeekday && !Object.hasOwn(holidays, date);
}

function instant(value: Date, name: string): number {
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}
