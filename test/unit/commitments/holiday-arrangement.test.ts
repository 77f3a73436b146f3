import {
  arrangementProblems,
  holidayArrangementSchema,
  type HolidayArrangement,
} from '../../../domain/holiday-arrangement';
import { packageHolidayYears } from '../../../domain/package-holidays';
import { madeUp2027 } from '../../helpers/holiday-years';

const problems = (change: Partial<HolidayArrangement>, year = 2027) =>
  arrangementProblems(year, { ...madeUp2027, ...change });
const fields = (change: Partial<HolidayArrangement>, year = 2027) => problems(change, year).map((p) => p.field);
const [newYear, springFestival] = madeUp2027.holidays as [
  HolidayArrangement['holidays'][0],
  HolidayArrangement['holidays'][0],
];

describe("checks on a year's holiday notice, naming the field (T/QGCML 3125 §4.7)", () => {
  it('accepts the made-up 2027 as it is', () => {
    expect(problems({})).toEqual([]);
  });

  it('accepts every real arrangement since 2004, as the package holds them (the checks are not stricter than the State Council)', () => {
    for (const { year, holidays, adjustedWorkingDays } of packageHolidayYears()) {
      const notice = { documentNumber: 'test', date: `${year - 1}-12-01` };
      expect({
        year,
        problems: arrangementProblems(year, {
          holidays: [...holidays],
          adjustedWorkingDays: [...adjustedWorkingDays],
          notice,
        }),
      }).toEqual({ year, problems: [] });
    }
    expect(packageHolidayYears()).toHaveLength(23);
  });

  it('refuses a period that starts outside the year or ends before it starts', () => {
    const fromLastYear = { name: "元旦 New Year's Day", firstDay: '2026-12-31', lastDay: '2027-01-01' };
    expect(fields({ holidays: [fromLastYear, springFestival] })).toEqual(['holidays[0].firstDay']);
    expect(fields({ holidays: [newYear, { ...springFestival, lastDay: '2027-02-05' }] })).toEqual([
      'holidays[1].lastDay',
    ]);
  });

  it('lets a period run into the first week of the next year, not further', () => {
    const yearEnd = { name: "元旦 New Year's Day", firstDay: '2027-12-31', lastDay: '2028-01-02' };
    expect(fields({ holidays: [springFestival, yearEnd] })).toEqual([]);
    expect(fields({ holidays: [springFestival, { ...yearEnd, lastDay: '2028-01-08' }] })).toEqual([
      'holidays[1].lastDay',
    ]);
  });

  it('refuses a period longer than fifteen days (a typing error)', () => {
    const tooLong = { ...springFestival, lastDay: '2027-02-22' }; // 17 days
    expect(fields({ holidays: [newYear, tooLong], adjustedWorkingDays: ['2027-01-30'] })).toEqual([
      'holidays[1].lastDay',
    ]);
  });

  it('refuses overlapping periods and names the later one', () => {
    const overlapping = { name: 'Lantern', firstDay: '2027-02-14', lastDay: '2027-02-15' };
    const found = problems({ holidays: [newYear, springFestival, overlapping], adjustedWorkingDays: [] });
    expect(found).toEqual([
      { field: 'holidays[2].firstDay', message: expect.stringContaining('overlaps holidays[1] 春节 Spring Festival') },
    ]);
  });

  it('refuses a 调休 day that is a weekday, inside a holiday, outside the year or listed twice', () => {
    expect(fields({ adjustedWorkingDays: ['2027-01-30', '2027-02-01'] })).toEqual(['adjustedWorkingDays[1]']);
    expect(problems({ adjustedWorkingDays: ['2027-02-13'] })[0]?.message).toContain('inside the holiday period');
    expect(fields({ adjustedWorkingDays: ['2026-12-26'] })).toEqual(['adjustedWorkingDays[0]']);
    expect(fields({ adjustedWorkingDays: ['2027-01-30', '2027-01-30'] })).toEqual(['adjustedWorkingDays[1]']);
  });

  it('expects the notice to be issued the year before or the year itself', () => {
    expect(fields({ notice: { documentNumber: 'x', date: '2025-11-01' } })).toEqual(['notice.date']);
    expect(fields({ notice: { documentNumber: 'x', date: '2027-01-15' } })).toEqual([]);
  });

  it('the schema refuses dates that do not exist and unknown fields', () => {
    const parsed = holidayArrangementSchema.safeParse({
      ...madeUp2027,
      holidays: [{ ...springFestival, lastDay: '2027-02-30' }],
      lunar: true,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['', 'holidays.0.lastDay']);
  });
});
