// The statutory-holiday data a 5x8 deadline counts with (T/QGCML 3125 §4.7, §4.8 "statutory
// holidays excluded"): the package's years, overridden year by year by the notices staff
// loaded. Built by the caller from the years in force when a process starts and passed into
// the pure calendar functions, so no domain function reads a table or a clock.
import { daysOf, type HolidayYearData } from './holiday-arrangement';
import { packageHolidayYears } from './package-holidays';

export type HolidayYearSource = 'override' | 'package';

export class HolidayCalendar {
  private readonly holidays = new Set<string>();
  private readonly adjustedWorkingDays = new Set<string>();
  private readonly sources = new Map<number, HolidayYearSource>();

  /**
   * The package's years with each of `overrides` (stored notices) in place of the package's
   * data for its year: a loaded notice wins over the package.
   */
  static withOverrides(overrides: readonly HolidayYearData[] = []): HolidayCalendar {
    const overridden = new Set(overrides.map((year) => year.year));
    const fromPackage = packageHolidayYears().filter((year) => !overridden.has(year.year));
    return new HolidayCalendar(fromPackage, overrides);
  }

  /** The package's data only: what deadlines counted with before any notice was loaded. */
  static packageOnly(): HolidayCalendar {
    return HolidayCalendar.withOverrides([]);
  }

  private constructor(fromPackage: readonly HolidayYearData[], overrides: readonly HolidayYearData[]) {
    for (const year of fromPackage) this.add(year, 'package');
    for (const year of overrides) this.add(year, 'override');
  }

  private add(year: HolidayYearData, source: HolidayYearSource): void {
    this.sources.set(year.year, source);
    // A period that runs into the next year's first days counts there too.
    for (const period of year.holidays) for (const day of daysOf(period)) this.holidays.add(day);
    for (const day of year.adjustedWorkingDays) this.adjustedWorkingDays.add(day);
  }

  /** Whether the State Council's arrangement for `year` is known (from the package or staff). */
  covers(year: number): boolean {
    return this.sources.has(year);
  }

  /** Where `year`'s data comes from, or undefined when there is none. */
  sourceOf(year: number): HolidayYearSource | undefined {
    return this.sources.get(year);
  }

  /**
   * 5x8 (§4.7): a 调休 weekend day is worked; otherwise Monday to Friday unless a statutory
   * holiday. A year without data has no entries, so it counts plain Monday to Friday.
   */
  isWorkingDate(date: string, weekday: number): boolean {
    if (this.adjustedWorkingDays.has(date)) return true;
    return weekday >= 1 && weekday <= 5 && !this.holidays.has(date);
  }
}
