import { Check, Entity, EntityRepositoryType, Property, Unique } from '@mikro-orm/core';
import {
  holidayArrangementSchema,
  type HolidayArrangement,
  type HolidayYearData,
} from '../../domain/holiday-arrangement';
import { HolidayYearRepository } from '../repositories/holiday-year.repository';
import { BaseEntity } from './base.entity';

/** What the private constructor takes: the columns without a default (built by `HolidayYearVersion.following`). */
type HolidayYearVersionFields = Pick<
  HolidayYearVersion,
  'year' | 'version' | 'arrangement' | 'effectiveFrom' | 'changedBy'
>;

/**
 * One loaded version of a year's statutory-holiday arrangement, from the State Council's
 * notice (T/QGCML 3125 §4.7, §4.8 "statutory holidays excluded"). Never edited (a database
 * trigger refuses UPDATE and DELETE): a correction is a new version of the year, in force
 * from its `effectiveFrom`, so a process keeps the calendar in force when it started. It
 * overrides the `chinese-days` package's data for the same year.
 */
@Entity({ tableName: 'holiday_year_version', repository: () => HolidayYearRepository })
@Unique({ name: 'holiday_year_version_year_version_unique', properties: ['year', 'version'] })
@Check({ name: 'holiday_year_version_version_check', expression: 'version >= 1' })
@Check({ name: 'holiday_year_version_year_check', expression: 'year >= 2004 and year <= 2100' })
export class HolidayYearVersion extends BaseEntity {
  declare [EntityRepositoryType]?: HolidayYearRepository;

  @Property({ type: 'integer' }) year!: number;

  /** 1, 2, 3… per year: increases with every load of that year. */
  @Property({ type: 'integer' }) version!: number;

  @Property({ type: 'json' }) arrangement!: HolidayArrangement;

  @Property({ type: 'datetime' }) effectiveFrom!: Date;

  /** The `sub` of the staff member who loaded it. */
  @Property({ type: 'string' }) changedBy!: string;

  private constructor(fields: HolidayYearVersionFields) {
    super();
    Object.assign(this, fields);
  }

  /**
   * The version of `year` that replaces `previous` (that year's newest so far) from `now`
   * on; its effectiveFrom never goes back before its predecessor's.
   */
  static following(
    previous: HolidayYearVersion | null,
    change: { year: number; arrangement: HolidayArrangement; changedBy: string; now: Date },
  ): HolidayYearVersion {
    const effectiveFrom = new Date(Math.max(change.now.getTime(), previous?.effectiveFrom.getTime() ?? 0));
    return new HolidayYearVersion({
      year: change.year,
      version: (previous?.version ?? 0) + 1,
      arrangement: holidayArrangementSchema.parse(change.arrangement),
      effectiveFrom,
      changedBy: change.changedBy,
    });
  }

  /** The stored arrangement, checked against today's schema (jsonb is not checked by Postgres). */
  parsedArrangement(): HolidayArrangement {
    return holidayArrangementSchema.parse(this.arrangement);
  }

  /** What the service calendar counts with. */
  yearData(): HolidayYearData {
    const { holidays, adjustedWorkingDays } = this.parsedArrangement();
    return { year: this.year, holidays, adjustedWorkingDays };
  }
}
