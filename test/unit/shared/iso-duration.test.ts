import { formatIsoDuration, isIsoDuration, parseIsoDuration } from '../../../domain/iso-duration';
import { isoDurationSchema } from '../../../domain/service-calendar';
import { HOUR } from '../../helpers/time';

describe('ISO-8601 service durations (T/QGCML 3125 §4.7, §4.8 published response times)', () => {
  it.each([
    ['PT8H', 8 * HOUR], // §4.7 confirm an order within 1 working day
    ['PT4H', 4 * HOUR], // §4.7 answer a complaint within half a working day
    ['P1D', 24 * HOUR],
    ['PT30M', 30 * 60_000],
    ['PT5S', 5_000],
    ['P2DT4H', 52 * HOUR],
    ['PT8H4M', 8 * HOUR + 4 * 60_000],
    ['PT1.5S', 1_500],
    ['PT0,25S', 250],
    ['PT0.001S', 1],
    ['PT0S', 0],
  ])('parses %s to %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each(['P1Y', 'P1M', 'P2W', 'P1Y2D', 'P1MT8H'])(
    'rejects %s because years, months and weeks have no fixed length',
    (text) => {
      expect(() => parseIsoDuration(text)).toThrow(/no fixed length/);
    },
  );

  it.each(['', 'P', 'PT', 'P1DT', '8H', 'pt8h', ' PT8H', '-PT1H', 'PT4M8H', 'PT1.5H', 'PT1.2345S', 'PT8H ', 'P1.5D'])(
    'rejects malformed %p with a message naming the expected form',
    (text) => {
      expect(() => parseIsoDuration(text)).toThrow('must be an ISO-8601 duration such as PT8H');
    },
  );

  it('rejects a duration too long to count in milliseconds', () => {
    expect(() => parseIsoDuration('P999999999999D')).toThrow(/too long/);
  });

  it.each([
    [8 * HOUR, 'PT8H'],
    [24 * HOUR, 'P1D'],
    [52 * HOUR, 'P2DT4H'],
    [90 * 60_000, 'PT1H30M'],
    [1_500, 'PT1.5S'],
    [1, 'PT0.001S'],
    [0, 'PT0S'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatIsoDuration(ms)).toBe(text);
  });

  it('round-trips format and parse for assorted durations', () => {
    for (const ms of [1, 999, 61_001, 4 * HOUR, 25 * HOUR + 1, 1_000_000_007]) {
      expect(parseIsoDuration(formatIsoDuration(ms))).toBe(ms);
    }
  });

  it.each([-1, 1.5, Number.NaN])('refuses to format %p ms', (ms) => {
    expect(() => formatIsoDuration(ms)).toThrow(/non-negative whole number/);
  });

  it('isIsoDuration answers without throwing', () => {
    expect(isIsoDuration('PT4H')).toBe(true);
    expect(isIsoDuration('P1M')).toBe(false);
  });

  it('isoDurationSchema accepts PT8H and rejects other input with the published-form message', () => {
    expect(isoDurationSchema.parse('PT8H')).toBe('PT8H');
    const result = isoDurationSchema.safeParse('8 hours');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be an ISO-8601 duration such as PT8H');
    expect(isoDurationSchema.safeParse(8).success).toBe(false);
  });
});
