import { EntityRepository } from '@mikro-orm/postgresql';
import { HolidayCalendar } from '../../domain/holiday-calendar';
import type { HolidayYearVersion } from '../entities/holiday-year-version.entity';

/**
 * Calendars already built, by the ids of the stored versions they were built from. A
 * version row never changes once written (a correction is a new version), so the same ids
 * always make the same calendar; building one expands every holiday period of every year,
 * which cost an order request more CPU than all its SQL (issue 10's profile).
 */
const builtCalendars = new Map<string, HolidayCalendar>();
const BUILT_CALENDARS_KEPT = 32;

/** Named queries over the statutory-holiday years staff loaded (T/QGCML 3125 §4.7, §4.8). */
export class HolidayYearRepository extends EntityRepository<HolidayYearVersion> {
  /** For each loaded year, the version in force at `at`: the newest one not effective after it. */
  async inForceAt(at: Date): Promise<HolidayYearVersion[]> {
    // The table holds a handful of rows per year: one query, newest first, first per year.
    const rows = await this.find({ effectiveFrom: { $lte: at } }, { orderBy: { year: 'asc', version: 'desc' } });
    return rows.filter((row, i) => i === 0 || rows[i - 1]!.year !== row.year);
  }

  /**
   * The holiday data a process starting at `at` counts with: the package's years, each
   * loaded year in place of the package's. One query; build it once per request or
   * activity call and pass it to the calendar functions.
   */
  async calendarInForceAt(at: Date): Promise<HolidayCalendar> {
    const loaded = await this.inForceAt(at);
    const key = loaded.map((version) => version.id).join(',');
    const built = builtCalendars.get(key);
    if (built) return built;
    const calendar = HolidayCalendar.withOverrides(loaded.map((version) => version.yearData()));
    if (builtCalendars.size >= BUILT_CALENDARS_KEPT) builtCalendars.clear();
    builtCalendars.set(key, calendar);
    return calendar;
  }

  /** The version of `year` in force now, or null when staff never loaded it. */
  async currentOf(year: number): Promise<HolidayYearVersion | null> {
    return this.findOne({ year, effectiveFrom: { $lte: new Date() } }, { orderBy: { version: 'desc' } });
  }

  /**
   * The newest version of `year`, after taking a transaction-scoped lock that serialises
   * loads of that year: two concurrent loads become versions n+1 and n+2, never two n+1.
   * Call inside `em.transactional(...)`.
   */
  async latestForPublishing(year: number): Promise<HolidayYearVersion | null> {
    await this.getEntityManager().execute(`select pg_advisory_xact_lock(hashtext('holiday_year_version'), ?::int)`, [
      year,
    ]);
    const [latest] = await this.find({ year }, { orderBy: { version: 'desc' }, limit: 1 });
    return latest ?? null;
  }
}
