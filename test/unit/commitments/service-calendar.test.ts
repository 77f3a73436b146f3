import holidayTable from 'chinese-days/dist/chinese-days.json';
import { parseIsoDuration } from '../../../domain/iso-duration';
import { HolidayCalendar } from '../../../domain/holiday-calendar';
import {
  addServiceTime,
  calendarNotices,
  serviceTimeBetween,
  type CalendarKind,
} from '../../../domain/service-calendar';
import { DAY, HOUR } from '../../helpers/time';

// The package's years only: what these tests pinned before staff could load a year.
const packageOnly = HolidayCalendar.packageOnly();
const holidayDataCovers = (year: number) => packageOnly.covers(year);

const add = (start: string, iso: string, calendar: CalendarKind = '5x8'): Date =>
  addServiceTime(new Date(start), parseIsoDuration(iso), calendar, packageOnly);
const between = (from: string, to: string, calendar: CalendarKind = '5x8'): number =>
  serviceTimeBetween(new Date(from), new Date(to), calendar, packageOnly);

describe('7x24 service calendar (T/QGCML 3125 §4.7 ideal 7 x 24)', () => {
  it('counts wall time: a deadline is start + duration, even at night and at weekends', () => {
    expect(add('2026-10-03T23:30:00+08:00', 'PT8H', '7x24')).toEqual(new Date('2026-10-04T07:30:00+08:00'));
    expect(between('2026-10-01T00:00:00+08:00', '2026-10-08T00:00:00+08:00', '7x24')).toBe(7 * DAY);
  });

  it('measures nothing when the range is empty or reversed', () => {
    expect(between('2026-10-02T00:00:00+08:00', '2026-10-01T00:00:00+08:00', '7x24')).toBe(0);
  });
});

describe('5x8 service calendar, 09:00-17:00 Asia/Shanghai (T/QGCML 3125 §4.7 "1 working day")', () => {
  it('PT8H from Monday 09:00 ends at Monday 17:00, the end of the period', () => {
    expect(add('2026-03-09T09:00:00+08:00', 'PT8H')).toEqual(new Date('2026-03-09T17:00:00+08:00'));
  });

  it('PT8H from Friday 10:00 ends on Monday 10:00, skipping the weekend', () => {
    expect(add('2026-03-13T10:00:00+08:00', 'PT8H')).toEqual(new Date('2026-03-16T10:00:00+08:00'));
  });

  it.each([
    ['Monday 20:00', '2026-03-09T20:00:00+08:00', '2026-03-10T17:00:00+08:00'],
    ['Tuesday 03:00', '2026-03-10T03:00:00+08:00', '2026-03-10T17:00:00+08:00'],
    ['Sunday 10:00', '2026-03-15T10:00:00+08:00', '2026-03-16T17:00:00+08:00'],
    ['Monday 17:00 (period just closed)', '2026-03-09T17:00:00+08:00', '2026-03-10T17:00:00+08:00'],
  ])('an order placed %s starts counting at the next opening', (_, start, deadline) => {
    expect(add(start, 'PT8H')).toEqual(new Date(deadline));
  });

  it('PT4H (§4.7 half a working day for complaints) from 15:00 carries over 17:00 to 11:00 next day', () => {
    expect(add('2026-03-10T15:00:00+08:00', 'PT4H')).toEqual(new Date('2026-03-11T11:00:00+08:00'));
  });

  it('PT4H from 09:00 ends at 13:00: there is no lunch break', () => {
    expect(add('2026-03-10T09:00:00+08:00', 'PT4H')).toEqual(new Date('2026-03-10T13:00:00+08:00'));
  });

  it('a zero duration returns the start unchanged, even outside working hours', () => {
    expect(add('2026-03-15T03:00:00+08:00', 'PT0S')).toEqual(new Date('2026-03-15T03:00:00+08:00'));
  });

  it('P1D is 24 service hours, i.e. three working days, not one', () => {
    expect(add('2026-03-09T09:00:00+08:00', 'P1D')).toEqual(new Date('2026-03-11T17:00:00+08:00'));
  });

  it('counts only working time in [from, to): nothing between 17:00 and 09:00 next day', () => {
    expect(between('2026-03-09T17:00:00+08:00', '2026-03-10T09:00:00+08:00')).toBe(0);
    expect(between('2026-03-13T16:00:00+08:00', '2026-03-16T10:00:00+08:00')).toBe(2 * HOUR);
    expect(between('2026-03-09T00:00:00+08:00', '2026-03-16T00:00:00+08:00')).toBe(40 * HOUR);
  });

  it('rejects negative or fractional durations and invalid dates', () => {
    const monday = new Date('2026-03-09T09:00:00+08:00');
    expect(() => addServiceTime(monday, -1, '5x8', packageOnly)).toThrow(RangeError);
    expect(() => addServiceTime(monday, 0.5, '5x8', packageOnly)).toThrow(RangeError);
    expect(() => addServiceTime(new Date('nope'), HOUR, '5x8', packageOnly)).toThrow(/not a valid date/);
  });
});

describe('5x8 excludes statutory holidays and adds adjusted working days (T/QGCML 3125 §4.7, §4.8 "holidays excluded")', () => {
  it('an order placed 2026-09-30 16:00 before the National Day break is due 2026-10-08 16:00', () => {
    expect(add('2026-09-30T16:00:00+08:00', 'PT8H')).toEqual(new Date('2026-10-08T16:00:00+08:00'));
    expect(between('2026-10-01T00:00:00+08:00', '2026-10-08T00:00:00+08:00')).toBe(0);
  });

  it('PT8H from Friday 2026-10-09 10:00 lands on Saturday 2026-10-10 10:00, an adjusted working day', () => {
    expect(add('2026-10-09T10:00:00+08:00', 'PT8H')).toEqual(new Date('2026-10-10T10:00:00+08:00'));
  });

  it('Sunday 2026-09-20 is an adjusted working day before National Day', () => {
    expect(add('2026-09-19T12:00:00+08:00', 'PT4H')).toEqual(new Date('2026-09-20T13:00:00+08:00'));
  });

  it('Friday 2026-09-25 (Mid-Autumn) is a holiday', () => {
    expect(add('2026-09-24T16:00:00+08:00', 'PT2H')).toEqual(new Date('2026-09-28T10:00:00+08:00'));
  });

  it('Spring Festival 2026: Saturday 02-14 is worked, 02-15..02-23 are off, Saturday 02-28 is worked', () => {
    expect(add('2026-02-13T15:00:00+08:00', 'PT8H')).toEqual(new Date('2026-02-14T15:00:00+08:00'));
    expect(add('2026-02-14T15:00:00+08:00', 'PT8H')).toEqual(new Date('2026-02-24T15:00:00+08:00'));
    expect(between('2026-02-15T00:00:00+08:00', '2026-02-24T00:00:00+08:00')).toBe(0);
    expect(between('2026-02-28T00:00:00+08:00', '2026-03-01T00:00:00+08:00')).toBe(8 * HOUR);
  });
});

describe('holiday-data coverage (chinese-days 1.5.7 holds 2004-2026)', () => {
  it('reports the years the package covers and none outside them', () => {
    expect(holidayDataCovers(2003)).toBe(false);
    for (let year = 2004; year <= 2026; year++) expect(holidayDataCovers(year)).toBe(true);
    expect(holidayDataCovers(2027)).toBe(false);
  });

  it('falls back to plain Monday-Friday in 2027: Friday 2027-10-01 counts, the weekend does not', () => {
    expect(add('2027-09-30T10:00:00+08:00', 'PT8H')).toEqual(new Date('2027-10-01T10:00:00+08:00'));
    expect(add('2027-10-01T10:00:00+08:00', 'PT8H')).toEqual(new Date('2027-10-04T10:00:00+08:00'));
    expect(add('2026-12-31T16:00:00+08:00', 'PT2H')).toEqual(new Date('2027-01-01T10:00:00+08:00'));
  });

  it('warns about each uncovered year a 5x8 range touches, and never for 7x24', () => {
    const from = new Date('2026-12-01T00:00:00+08:00');
    const to = new Date('2028-01-01T00:00:00+08:00');
    expect(calendarNotices(from, to, '5x8', packageOnly)).toEqual([
      'no statutory-holiday data for 2027 yet: 5x8 counts plain weekdays',
      'no statutory-holiday data for 2028 yet: 5x8 counts plain weekdays',
    ]);
    expect(
      calendarNotices(new Date('2026-01-01T00:00:00+08:00'), new Date('2026-12-31T23:59:59+08:00'), '5x8', packageOnly),
    ).toEqual([]);
    expect(calendarNotices(from, to, '7x24', packageOnly)).toEqual([]);
  });

  it('takes the year in Shanghai time: 2026-12-31T17:00Z is already 2027', () => {
    const instant = new Date('2026-12-31T17:00:00Z');
    expect(calendarNotices(instant, instant, '5x8', packageOnly)).toHaveLength(1);
  });
});

describe('5x8 properties over seeded pseudo-random starts (T/QGCML 3125 §4.7)', () => {
  // mulberry32: small deterministic PRNG, so failures reproduce.
  const mulberry32 = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  // Independent oracle built straight from the package's table; plain weekdays after 2026.
  const isWorkingDate = (shanghaiMidnight: Date): boolean => {
    const date = shanghaiMidnight.toISOString().slice(0, 10);
    const weekday = shanghaiMidnight.getUTCDay();
    const plain = weekday !== 0 && weekday !== 6;
    if (shanghaiMidnight.getUTCFullYear() > 2026) return plain;
    if (date in holidayTable.workdays) return true;
    return plain && !(date in holidayTable.holidays);
  };
  const random = mulberry32(3125);
  const rangeStart = Date.parse('2025-12-01T00:00:00+08:00');
  const rangeEnd = Date.parse('2027-03-01T00:00:00+08:00');
  const fixed = ['PT8H', 'PT4H', 'PT30M', 'P1D', 'PT5S'].map(parseIsoDuration);
  const samples = Array.from({ length: 3000 }, (_, i) => ({
    start: new Date(rangeStart + Math.floor(random() * (rangeEnd - rangeStart))),
    duration: i % 2 === 0 ? fixed[i % fixed.length]! : 1 + Math.floor(random() * 40 * HOUR),
  }));

  it('serviceTimeBetween(s, addServiceTime(s, d)) === d, and one ms earlier is d - 1', () => {
    for (const { start, duration } of samples) {
      const deadline = addServiceTime(start, duration, '5x8', packageOnly);
      expect(serviceTimeBetween(start, deadline, '5x8', packageOnly)).toBe(duration);
      expect(serviceTimeBetween(start, new Date(deadline.getTime() - 1), '5x8', packageOnly)).toBe(duration - 1);
    }
  });

  it('every deadline falls inside working hours of a working day, or at its 17:00 close', () => {
    for (const { start, duration } of samples) {
      const deadline = addServiceTime(start, duration, '5x8', packageOnly).getTime();
      const shanghai = deadline + 8 * HOUR;
      const timeOfDay = ((shanghai % DAY) + DAY) % DAY;
      expect(timeOfDay).toBeGreaterThan(9 * HOUR);
      expect(timeOfDay).toBeLessThanOrEqual(17 * HOUR);
      expect(isWorkingDate(new Date(shanghai - timeOfDay))).toBe(true);
      expect(deadline).toBeGreaterThan(start.getTime());
    }
  });

  it('7x24 is the identity on the same samples', () => {
    for (const { start, duration } of samples) {
      const deadline = addServiceTime(start, duration, '7x24', packageOnly);
      expect(deadline.getTime() - start.getTime()).toBe(duration);
      expect(serviceTimeBetween(start, deadline, '7x24', packageOnly)).toBe(duration);
    }
  });

  it('a deadline a year away (250 working days) computes in far under a millisecond per day', () => {
    const start = new Date('2026-01-05T09:00:00+08:00');
    const began = performance.now();
    for (let i = 0; i < 200; i++) addServiceTime(start, 250 * 8 * HOUR, '5x8', packageOnly);
    const perCall = (performance.now() - began) / 200;
    expect(perCall).toBeLessThan(5); // < 5 ms for ~365 calendar days
  });
});
