// The statutory-holiday years the `chinese-days` package knows (1.5.7: 2004-2026), as the
// same HolidayYearData staff load for later years, so one calendar counts with both.
//
// Read from the package's published table (dist/chinese-days.json), not its date functions:
// in chinese-days 1.5.7 those build their table with the process's local time zone, and west
// of UTC every holiday shifts one day earlier (e.g. with TZ=America/New_York, 2004-01-01 reads
// as a working day). The table is keyed by calendar date and does not depend on the process.
import holidayTable from 'chinese-days/dist/chinese-days.json';
import { addDays, type HolidayPeriod, type HolidayYearData } from './holiday-arrangement';

type DayLabels = Record<string, string>; // "2026-10-01" -> "National Day,国庆节,3"
const holidays: DayLabels = holidayTable.holidays;
const adjustedWorkdays: DayLabels = holidayTable.workdays; // 调休: weekend days worked

// A year counts as covered when the table holds its New Year's Day, Spring Festival and
// National Day arrangements, i.e. the State Council's notice for that year was loaded.
// Outside those years the table has no usable data and 5x8 counts plain weekdays.
const REQUIRED_FESTIVALS = ["New Year's Day", 'Spring Festival', 'National Day'];

function nameOf(label: string): string {
  const [english = '', chinese = ''] = label.split(',');
  return `${chinese} ${english}`.trim();
}

/** Consecutive days with the same festival become one period, within a calendar year. */
function periodsOf(dates: string[]): HolidayPeriod[] {
  const periods: HolidayPeriod[] = [];
  for (const date of dates.sort()) {
    const name = nameOf(holidays[date]!);
    const last = periods.at(-1);
    if (last && last.name === name && addDays(last.lastDay, 1) === date) last.lastDay = date;
    else periods.push({ name, firstDay: date, lastDay: date });
  }
  return periods;
}

const packageYears: ReadonlyMap<number, HolidayYearData> = (() => {
  const datesByYear = new Map<number, string[]>();
  for (const date of Object.keys(holidays)) {
    const year = Number(date.slice(0, 4));
    datesByYear.set(year, [...(datesByYear.get(year) ?? []), date]);
  }
  const years = new Map<number, HolidayYearData>();
  for (const [year, dates] of datesByYear) {
    const festivals = new Set(dates.map((date) => holidays[date]!.split(',')[0]));
    if (!REQUIRED_FESTIVALS.every((name) => festivals.has(name))) continue;
    const adjustedWorkingDays = Object.keys(adjustedWorkdays)
      .filter((date) => date.startsWith(`${year}-`))
      .sort();
    years.set(year, { year, holidays: periodsOf(dates), adjustedWorkingDays });
  }
  return years;
})();

/** The package's arrangement for `year`, or undefined when it has none. */
export function packageHolidayYear(year: number): HolidayYearData | undefined {
  return packageYears.get(year);
}

/** Every year the package covers, oldest first. */
export function packageHolidayYears(): HolidayYearData[] {
  return [...packageYears.values()].sort((a, b) => a.year - b.year);
}
