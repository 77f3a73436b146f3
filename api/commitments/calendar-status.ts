import type { EntityManager } from '@mikro-orm/postgresql';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { publishedMissingYears } from '../../domain/service-commitment-text';
import { missingYearNotice } from '../../domain/service-calendar';

/**
 * This year and next without a loaded notice (5x8 counts plain weekdays there), on the
 * holiday years in force now: for the published pages and /readyz (one query).
 */
export async function missingPublishedYears(
  em: EntityManager,
  now: Date,
): Promise<{ missingYears: number[]; notices: string[] }> {
  const holidays = await em.getRepository(HolidayYearVersion).calendarInForceAt(now);
  const missingYears = publishedMissingYears(now, '5x8', holidays);
  return { missingYears, notices: missingYears.map(missingYearNotice) };
}
