// A year's statutory holidays as the State Council's General Office announces them (国务院
// 办公厅关于 YYYY 年部分节假日安排的通知): holiday periods and the weekend days worked instead
// (调休). T/QGCML 3125 §4.7 and §4.8 exclude these holidays from the 5x8 service calendar.
// Staff enter each year's notice through PUT /service-calendar/years/:year; this module holds
// its shape and the checks a person would expect. Pure: no I/O, no clock.
import { z } from 'zod';

export const holidayPeriodSchema = z.strictObject({
  name: z.string().trim().min(1).max(60).describe('the festival as the notice names it, e.g. "春节 Spring Festival"'),
  firstDay: z.iso.date().describe('first day off (YYYY-MM-DD, Beijing calendar)'),
  lastDay: z.iso.date().describe('last day off, inclusive; may fall in the first days of the next year'),
});

export const holidayArrangementSchema = z.strictObject({
  holidays: z.array(holidayPeriodSchema).min(1).max(20).describe('each holiday period of the year'),
  adjustedWorkingDays: z
    .array(z.iso.date())
    .max(20)
    .describe('调休: Saturdays and Sundays worked as ordinary working days'),
  notice: z
    .strictObject({
      documentNumber: z.string().trim().min(1).max(100).describe('e.g. 国办发明电〔2025〕7号'),
      date: z.iso.date().describe('the date the notice was issued'),
    })
    .describe("the State Council's notice this arrangement comes from"),
});

export type HolidayPeriod = z.infer<typeof holidayPeriodSchema>;
export type HolidayArrangement = z.infer<typeof holidayArrangementSchema>;

/** The part of a year the service calendar counts with (a stored notice or the package's table). */
export interface HolidayYearData {
  year: number;
  holidays: readonly HolidayPeriod[];
  adjustedWorkingDays: readonly string[];
}

/** Years staff may load: any year the platform can plausibly still compute deadlines in. */
export const FIRST_LOADABLE_YEAR = 2004;
export const LAST_LOADABLE_YEAR = 2100;
/** A period may run on into the next year's first week (e.g. 2018-12-30 to 2019-01-01). */
const SPILL_INTO_NEXT_YEAR_DAYS = 7;
/** The longest break so far is 9 days (Spring Festival 2026); more is a typing error. */
const MAX_PERIOD_DAYS = 15;

export interface ArrangementProblem {
  /** The field as a client names it inside the body, e.g. `holidays[1].lastDay`. */
  field: string;
  message: string;
}

/**
 * What is wrong with `arrangement` as the notice for `year`, in document order; empty when
 * it can be stored. The schema has already checked each date is a real calendar date.
 */
export function arrangementProblems(year: number, arrangement: HolidayArrangement): ArrangementProblem[] {
  const problems: ArrangementProblem[] = [];
  const lastAllowed = addDays(`${year + 1}-01-01`, SPILL_INTO_NEXT_YEAR_DAYS - 1);

  arrangement.holidays.forEach((period, i) => {
    const at = `holidays[${i}]`;
    if (yearOf(period.firstDay) !== year)
      problems.push({ field: `${at}.firstDay`, message: `${period.firstDay} is not in ${year}` });
    if (period.lastDay < period.firstDay)
      problems.push({ field: `${at}.lastDay`, message: `${period.lastDay} is before firstDay ${period.firstDay}` });
    else if (period.lastDay > lastAllowed)
      problems.push({
        field: `${at}.lastDay`,
        message: `${period.lastDay} is after ${lastAllowed}: a period may only run into the first week of ${year + 1}`,
      });
    else if (daysBetween(period.firstDay, period.lastDay) + 1 > MAX_PERIOD_DAYS)
      problems.push({ field: `${at}.lastDay`, message: `a holiday period of more than ${MAX_PERIOD_DAYS} days` });
    const earlier = arrangement.holidays.findIndex(
      (other, j) => j < i && other.firstDay <= period.lastDay && period.firstDay <= other.lastDay,
    );
    if (earlier >= 0)
      problems.push({
        field: `${at}.firstDay`,
        message: `${period.name} (${period.firstDay}–${period.lastDay}) overlaps holidays[${earlier}] ${arrangement.holidays[earlier]!.name}`,
      });
  });

  arrangement.adjustedWorkingDays.forEach((day, i) => {
    const field = `adjustedWorkingDays[${i}]`;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const inside = arrangement.holidays.find((period) => period.firstDay <= day && day <= period.lastDay);
    if (yearOf(day) !== year) problems.push({ field, message: `${day} is not in ${year}` });
    else if (weekday !== 0 && weekday !== 6)
      problems.push({ field, message: `${day} is not a Saturday or Sunday: only a weekend day can be worked (调休)` });
    else if (inside) problems.push({ field, message: `${day} is inside the holiday period ${inside.name}` });
    else if (arrangement.adjustedWorkingDays.indexOf(day) < i)
      problems.push({ field, message: `${day} is listed twice` });
  });

  // Notices come out in the autumn before the year (or, rarely, early in the year itself).
  const noticeYear = yearOf(arrangement.notice.date);
  if (noticeYear < year - 1 || noticeYear > year)
    problems.push({ field: 'notice.date', message: `a notice for ${year} is issued in ${year - 1} or ${year}` });
  return problems;
}

/** Every date a period covers, first to last day inclusive. */
export function daysOf(period: Pick<HolidayPeriod, 'firstDay' | 'lastDay'>): string[] {
  const days: string[] = [];
  for (let day = period.firstDay; day <= period.lastDay; day = addDays(day, 1)) days.push(day);
  return days;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
