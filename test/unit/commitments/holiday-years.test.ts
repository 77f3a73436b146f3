import { HolidayCalendar } from '../../../domain/holiday-calendar';
import { packageHolidayYear } from '../../../domain/package-holidays';
import { addServiceTime, serviceTimeBetween } from '../../../domain/service-calendar';
import { serviceDeadlines } from '../../../domain/service-deadlines';
import { defaultServiceCommitments } from '../../../domain/service-commitments';
import { madeUp2027 } from '../../helpers/holiday-years';
import { HOUR } from '../../helpers/time';

const packageOnly = HolidayCalendar.packageOnly();
const with2027 = HolidayCalendar.withOverrides([{ year: 2027, ...madeUp2027 }]);
const at = (iso: string) => new Date(iso);

describe('5x8 on a year staff loaded (T/QGCML 3125 §4.7, §4.8 "statutory holidays excluded")', () => {
  it('half a working day for a complaint filed the working day before the holiday ends after the holiday', () => {
    // Friday 2027-02-05 15:00: two service hours that day, the break runs to Sunday 02-14.
    const filed = at('2027-02-05T15:00:00+08:00');
    expect(addServiceTime(filed, 4 * HOUR, '5x8', with2027)).toEqual(at('2027-02-15T11:00:00+08:00'));
    // Without the notice the same complaint was due on Monday 02-08: the year was plain weekdays.
    expect(addServiceTime(filed, 4 * HOUR, '5x8', packageOnly)).toEqual(at('2027-02-08T11:00:00+08:00'));
  });

  it('one working day for an order placed on the Friday before the 调休 Saturday ends on that Saturday', () => {
    const placed = at('2027-01-29T10:00:00+08:00');
    expect(addServiceTime(placed, 8 * HOUR, '5x8', with2027)).toEqual(at('2027-01-30T10:00:00+08:00'));
    expect(addServiceTime(placed, 8 * HOUR, '5x8', packageOnly)).toEqual(at('2027-02-01T10:00:00+08:00'));
  });

  it('counts no service time inside the break and a full day on the worked Saturday', () => {
    expect(serviceTimeBetween(at('2027-02-06T00:00:00+08:00'), at('2027-02-15T00:00:00+08:00'), '5x8', with2027)).toBe(
      0,
    );
    expect(serviceTimeBetween(at('2027-02-20T00:00:00+08:00'), at('2027-02-21T00:00:00+08:00'), '5x8', with2027)).toBe(
      8 * HOUR,
    );
  });

  it('serviceDeadlines uses the years passed in and reports the years that are still missing', () => {
    const commitments = { version: 3, terms: defaultServiceCommitments };
    const loaded = serviceDeadlines(commitments, at('2027-02-05T15:00:00+08:00'), ['complaintFirstResponse'], with2027);
    expect(loaded).toMatchObject({
      deadlines: { complaintFirstResponse: '2027-02-15T03:00:00.000Z' },
      missingYears: [],
      notices: [],
    });
    const missing = serviceDeadlines(commitments, at('2027-02-05T15:00:00+08:00'), ['orderConfirmation'], packageOnly);
    expect(missing.missingYears).toEqual([2027]);
    expect(missing.notices).toEqual(['no statutory-holiday data for 2027 yet: 5x8 counts plain weekdays']);
  });

  it('a period running into the next year counts there, while that year otherwise stays plain weekdays', () => {
    const spill = HolidayCalendar.withOverrides([
      {
        year: 2027,
        holidays: [{ name: "元旦 New Year's Day", firstDay: '2027-12-31', lastDay: '2028-01-03' }],
        adjustedWorkingDays: [],
      },
    ]);
    // Thursday 2027-12-30 16:00 + PT2H: one hour that day, then 12-31 to 01-03 off → Tuesday 01-04 10:00.
    expect(addServiceTime(at('2027-12-30T16:00:00+08:00'), 2 * HOUR, '5x8', spill)).toEqual(
      at('2028-01-04T10:00:00+08:00'),
    );
    expect(spill.covers(2028)).toBe(false);
  });
});

describe('a loaded year overrides the package’s year and says so', () => {
  it('replaces every day of the package’s 2026, keeps the other years, and names the source', () => {
    const override2026 = HolidayCalendar.withOverrides([
      {
        year: 2026,
        holidays: [{ name: 'Test closure', firstDay: '2026-03-09', lastDay: '2026-03-10' }],
        adjustedWorkingDays: [],
      },
    ]);
    expect(override2026.sourceOf(2026)).toBe('override');
    expect(override2026.sourceOf(2025)).toBe('package');
    expect(override2026.sourceOf(2027)).toBeUndefined();
    // National Day 2026 is no longer a holiday in the override; the closure is.
    expect(addServiceTime(at('2026-09-30T16:00:00+08:00'), 8 * HOUR, '5x8', override2026)).toEqual(
      at('2026-10-01T16:00:00+08:00'),
    );
    expect(addServiceTime(at('2026-03-06T16:00:00+08:00'), 2 * HOUR, '5x8', override2026)).toEqual(
      at('2026-03-11T10:00:00+08:00'),
    );
  });

  it('reads the package’s 2026 as periods and 调休 days, as staff would enter them', () => {
    const year = packageHolidayYear(2026)!;
    expect(year.holidays).toContainEqual({
      name: '春节 Spring Festival',
      firstDay: '2026-02-15',
      lastDay: '2026-02-23',
    });
    expect(year.holidays).toContainEqual({
      name: '国庆节 National Day',
      firstDay: '2026-10-01',
      lastDay: '2026-10-07',
    });
    expect(year.adjustedWorkingDays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(packageHolidayYear(2027)).toBeUndefined();
  });
});
