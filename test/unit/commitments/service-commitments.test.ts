import { ServiceCommitmentVersion } from '../../../db/entities/service-commitment-version.entity';
import {
  seededEffectiveFrom,
  seededServiceCommitments,
} from '../../../db/migrations/Migration20261124222022_service_commitment_version';
import { HolidayCalendar } from '../../../domain/holiday-calendar';
import {
  describeCalendar,
  describeServiceDuration,
  publishedCalendarNotices,
} from '../../../domain/service-commitment-text';
import {
  defaultServiceCommitments,
  serviceCommitmentsSchema,
  serviceTerms,
  type ServiceCommitments,
} from '../../../domain/service-commitments';

const failingFields = (input: unknown): string[] => {
  const result = serviceCommitmentsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.')).sort();
};
const withTerms = (overrides: Partial<Record<keyof ServiceCommitments, unknown>>) => ({
  ...defaultServiceCommitments,
  ...overrides,
});

describe('the standard’s default service commitments (T/QGCML 3125 §4.7, §4.8, §6.1)', () => {
  it('publish 5x8 with orders confirmed in 1 working day and complaints answered in half a day (§4.7)', () => {
    expect(defaultServiceCommitments).toMatchObject({
      calendar: '5x8',
      orderConfirmation: 'PT8H',
      complaintFirstResponse: 'PT4H',
      merchantComplaintResponse: 'PT4H',
    });
  });

  it('give couriers 1 working day to answer a delivery complaint (§6.1)', () => {
    expect(defaultServiceCommitments.courierComplaintResponse).toBe('PT8H');
  });

  it('hold a duration for every term the processes need, and pass their own schema', () => {
    expect(serviceTerms).toEqual([
      'orderConfirmation',
      'complaintFirstResponse',
      'merchantComplaintResponse',
      'courierComplaintResponse',
      'handover',
      'delivery',
      'codRemittance',
      'returnApproval',
      'refund',
      'returnWindow',
      'faultReturnWindow',
      'returnShipment',
      'returnInspection',
      'recoveryClaimDue',
      'recoveryClaimReminder',
      'complaintReopenWindow',
    ]);
    expect(serviceCommitmentsSchema.parse(defaultServiceCommitments)).toEqual(defaultServiceCommitments);
    expect(Object.isFrozen(defaultServiceCommitments)).toBe(true);
  });

  it('are exactly what the migration seeds as version 1, in force since the standard (2024-02-19)', () => {
    // If the defaults change, publish a new version in a new migration; never edit version 1.
    // Terms added after version 1 (returns §6.4, complaintReopenWindow §5.7) carry defaults,
    // so version 1 parses to today's defaults.
    expect(serviceCommitmentsSchema.parse(seededServiceCommitments)).toEqual(defaultServiceCommitments);
    expect(new Date(seededEffectiveFrom).toISOString()).toBe('2024-02-18T16:00:00.000Z');
  });
});

describe('terms added with the returnRefund process (T/QGCML 3125 §6.4, §4.8)', () => {
  it('give a version stored before them the published defaults, so it still parses', () => {
    const parsed = serviceCommitmentsSchema.parse(seededServiceCommitments);
    expect(parsed).toMatchObject({
      returnWindow: 'PT40H',
      faultReturnWindow: 'PT120H',
      returnShipment: 'PT40H',
      returnInspection: 'PT16H',
    });
  });

  it('are still checked when given: a zero return window promises nothing', () => {
    expect(failingFields(withTerms({ returnWindow: 'PT0S', returnInspection: 'soon' }))).toEqual([
      'returnInspection',
      'returnWindow',
    ]);
  });
});

describe('validation of a commitment set (T/QGCML 3125 §4.7: published times must be real promises)', () => {
  it('names each malformed field: an unknown calendar, prose instead of a duration, a missing term', () => {
    const { refund: _refund, ...withoutRefund } = defaultServiceCommitments;
    expect(failingFields({ ...withoutRefund, calendar: '6x6', orderConfirmation: 'eight hours' })).toEqual([
      'calendar',
      'orderConfirmation',
      'refund',
    ]);
  });

  it.each(['PT0S', 'PT0.5S', 'P0D'])('refuses %s: a zero commitment promises nothing', (duration) => {
    expect(failingFields(withTerms({ refund: duration }))).toEqual(['refund']);
  });

  it.each(['P1M', 'P1Y', 'P2W'])('refuses %s: months, years and weeks have no fixed length', (duration) => {
    expect(failingFields(withTerms({ delivery: duration }))).toEqual(['delivery']);
  });

  it('refuses more than a year of service time, counted on the set’s own calendar', () => {
    // 5x8: a year is ~261 working days of 8 h, so P100D (2400 service hours) is too long.
    expect(failingFields(withTerms({ recoveryClaimDue: 'P100D' }))).toEqual(['recoveryClaimDue']);
    expect(failingFields(withTerms({ recoveryClaimDue: 'PT2088H' }))).toEqual([]);
    expect(failingFields(withTerms({ calendar: '7x24', recoveryClaimDue: 'P100D' }))).toEqual([]);
    expect(failingFields(withTerms({ calendar: '7x24', recoveryClaimDue: 'P367D' }))).toEqual(['recoveryClaimDue']);
  });

  it('accepts a short 7x24 set such as tests and a 7x24 platform would publish', () => {
    expect(failingFields(withTerms({ calendar: '7x24', orderConfirmation: 'PT5S', refund: 'PT1H30M' }))).toEqual([]);
  });
});

describe('human-readable commitments (T/QGCML 3125 §4.7 "published prominently")', () => {
  it.each([
    ['PT8H', "1 working day (8 service hours, Mon–Fri 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded)"],
    [
      'PT4H',
      "half a working day (4 service hours, Mon–Fri 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded)",
    ],
    [
      'PT12H',
      "1.5 working days (12 service hours, Mon–Fri 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded)",
    ],
    [
      'PT40H',
      "5 working days (40 service hours, Mon–Fri 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded)",
    ],
    [
      'P1D',
      "3 working days (24 service hours, Mon–Fri 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded)",
    ],
    ['PT1H', "1 service hour (Mon–Fri 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded)"],
    [
      'PT1H30M',
      "1 hour 30 minutes of service time (Mon–Fri 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded)",
    ],
  ])('on 5x8, %s reads "%s"', (iso, text) => {
    expect(describeServiceDuration(iso, '5x8')).toBe(text);
  });

  it.each([
    ['PT8H', '8 hours, around the clock (7×24)'],
    ['P2D', '2 days (48 hours, around the clock, 7×24)'],
    ['PT1.5S', '1.5 seconds, around the clock (7×24)'],
    ['PT1M', '1 minute, around the clock (7×24)'],
  ])('on 7x24, %s reads "%s"', (iso, text) => {
    expect(describeServiceDuration(iso, '7x24')).toBe(text);
  });

  it('describes each calendar with its hours and the holiday rule', () => {
    expect(describeCalendar('5x8')).toMatch(/^5×8: Monday to Friday, 09:00–17:00 Asia\/Shanghai.*调休/);
    expect(describeCalendar('7x24')).toMatch(/^7×24: around the clock/);
  });

  it('warns about the current or next year when its statutory holidays are not known yet', () => {
    const packageOnly = HolidayCalendar.packageOnly();
    const late2026 = new Date('2026-11-24T12:00:00+08:00');
    const expected = [2026, 2027]
      .filter((year) => !packageOnly.covers(year))
      .map((year) => `no statutory-holiday data for ${year} yet: 5x8 counts plain weekdays`);
    expect(expected).not.toEqual([]); // chinese-days 1.5.7 stops at 2026
    expect(publishedCalendarNotices(late2026, '5x8', packageOnly)).toEqual(expected);
    expect(publishedCalendarNotices(new Date('2025-06-01T12:00:00+08:00'), '5x8', packageOnly)).toEqual([]);
    expect(publishedCalendarNotices(late2026, '7x24', packageOnly)).toEqual([]);
  });

  it('takes the year in Shanghai: 2025-12-31T16:00Z is already 2026, so 2027 is "next year"', () => {
    const packageOnly = HolidayCalendar.packageOnly();
    expect(publishedCalendarNotices(new Date('2025-12-31T16:00:00Z'), '5x8', packageOnly)).toHaveLength(1);
    expect(publishedCalendarNotices(new Date('2025-12-31T15:59:59Z'), '5x8', packageOnly)).toEqual([]);
  });
});

describe('a new version of the commitments (T/QGCML 3125 §4.7; a running process keeps its version)', () => {
  const change = (now: string) => ({
    commitments: { ...defaultServiceCommitments, orderConfirmation: 'PT4H' },
    changedBy: 's-1',
    reason: 'faster confirmation',
    now: new Date(now),
  });

  it('follows the newest version with the next number, in force from now', () => {
    const first = ServiceCommitmentVersion.following(null, change('2026-11-01T00:00:00Z'));
    const second = ServiceCommitmentVersion.following(first, change('2026-11-02T00:00:00Z'));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.effectiveFrom.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    expect(second.commitments.orderConfirmation).toBe('PT4H');
  });

  it('never takes effect before its predecessor, even when the clock went back', () => {
    const first = ServiceCommitmentVersion.following(null, change('2026-11-02T00:00:00Z'));
    const second = ServiceCommitmentVersion.following(first, change('2026-11-01T00:00:00Z'));
    expect(second.effectiveFrom).toEqual(first.effectiveFrom);
  });

  it('refuses an invalid set even when called past the API', () => {
    const bad = { ...change('2026-11-01T00:00:00Z'), commitments: withTerms({ refund: 'PT0S' }) };
    expect(() => ServiceCommitmentVersion.following(null, bad as never)).toThrow(/refund/);
  });
});
