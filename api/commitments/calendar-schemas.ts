import { z } from 'zod';
import type { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import {
  FIRST_LOADABLE_YEAR,
  holidayArrangementSchema,
  holidayPeriodSchema,
  LAST_LOADABLE_YEAR,
} from '../../domain/holiday-arrangement';
import { packageHolidayYear } from '../../domain/package-holidays';

export const holidayYearParamsSchema = z.object({
  year: z.coerce
    .number()
    .int()
    .min(FIRST_LOADABLE_YEAR)
    .max(LAST_LOADABLE_YEAR)
    .describe('the calendar year, e.g. 2027'),
});

/** PUT body: the State Council's notice for the year, exactly as published. */
export const holidayYearChangeSchema = holidayArrangementSchema.meta({ id: 'HolidayArrangement' });

const noticeSchema = z.object({ documentNumber: z.string(), date: z.iso.date() });

/** One year of the service calendar as published (T/QGCML 3125 §4.7, §4.8). */
export const publishedHolidayYearSchema = z
  .object({
    year: z.number().int(),
    /** `override`: a notice staff loaded, which wins over the package's data; `package`: chinese-days. */
    source: z.enum(['override', 'package']),
    /** The loaded version of this year (1, 2…); null for the package's data. */
    version: z.number().int().nullable(),
    effectiveFrom: z.iso.datetime().nullable(),
    /** True when a loaded notice replaces data the package also has for this year. */
    overridesPackage: z.boolean(),
    holidays: z.array(holidayPeriodSchema),
    adjustedWorkingDays: z.array(z.iso.date()),
    notice: noticeSchema.nullable(),
  })
  .meta({ id: 'HolidayYear' });

export const changedHolidayYearSchema = publishedHolidayYearSchema
  .extend({ changedBy: z.string() })
  .meta({ id: 'HolidayYearChange' });

export const holidayYearListSchema = z
  .object({
    years: z.array(publishedHolidayYearSchema.pick({ year: true, source: true, version: true, notice: true })),
    /** This year and next, when their notice is not loaded: 5x8 counts plain weekdays there. */
    missingYears: z.array(z.number().int()),
    notices: z.array(z.string()),
  })
  .meta({ id: 'HolidayYears' });

export type PublishedHolidayYear = z.infer<typeof publishedHolidayYearSchema>;

export function presentLoadedYear(version: HolidayYearVersion): PublishedHolidayYear {
  const { holidays, adjustedWorkingDays, notice } = version.parsedArrangement();
  return {
    year: version.year,
    source: 'override',
    version: version.version,
    effectiveFrom: version.effectiveFrom.toISOString(),
    overridesPackage: packageHolidayYear(version.year) !== undefined,
    holidays,
    adjustedWorkingDays,
    notice,
  };
}

/** The package's data for `year`, or null when it has none. */
export function presentPackageYear(year: number): PublishedHolidayYear | null {
  const data = packageHolidayYear(year);
  if (!data) return null;
  return {
    year,
    source: 'package',
    version: null,
    effectiveFrom: null,
    overridesPackage: false,
    holidays: [...data.holidays],
    adjustedWorkingDays: [...data.adjustedWorkingDays],
    notice: null,
  };
}
