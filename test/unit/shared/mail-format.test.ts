import { MoneyError } from '../../../domain/money';
import { escapeHtml, formatAmount, formatDeadline } from '../../../activities/shared/mail/format';

describe('mail formatting: money in minor units (T/QGCML 3125 §5.4)', () => {
  it.each([
    [12850, '¥128.50 (CNY)'],
    [1000, '¥10.00 (CNY)'],
    [5, '¥0.05 (CNY)'],
    [0, '¥0.00 (CNY)'],
    [123456789, '¥1,234,567.89 (CNY)'],
    [-1999, '-¥19.99 (CNY)'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91 (CNY)'],
  ])('shows %i fen as %s', (fen, shown) => {
    expect(formatAmount(fen, 'CNY')).toBe(shown);
  });

  it('prints digits exactly where floating point would not (0.1 + 0.2 style sums)', () => {
    // 10 + 20 fen is exactly 30 fen; as yuan floats 0.1 + 0.2 = 0.30000000000000004.
    expect(formatAmount(10 + 20, 'CNY')).toBe('¥0.30 (CNY)');
    expect(formatAmount(100000000000001, 'CNY')).toBe('¥1,000,000,000,000.01 (CNY)');
  });

  it('refuses fractional or unsafe amounts', () => {
    expect(() => formatAmount(128.5, 'CNY')).toThrow(MoneyError);
    expect(() => formatAmount(Number.MAX_SAFE_INTEGER + 1, 'CNY')).toThrow(MoneyError);
  });
});

describe('mail formatting: deadlines in Beijing time (T/QGCML 3125 §4.7)', () => {
  it.each([
    ['2026-10-09T09:00:00Z', '2026-10-09 17:00'],
    ['2026-10-09T17:00:00+08:00', '2026-10-09 17:00'],
    ['2026-10-09T16:30:00.000Z', '2026-10-10 00:30'],
    ['2026-12-31T23:59:00Z', '2027-01-01 07:59'],
    // Seconds are cut, never rounded up: a deadline is never shown later than it is.
    ['2026-10-09T09:00:59.999Z', '2026-10-09 17:00'],
  ])('shows %s as %s', (instant, shown) => {
    expect(formatDeadline(instant)).toBe(`${shown} (北京时间 / China Standard Time)`);
  });

  it('refuses a value that is not an instant', () => {
    expect(() => formatDeadline('next Tuesday')).toThrow(RangeError);
  });
});

describe('mail formatting: HTML escaping', () => {
  it('escapes markup so data can never inject HTML', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});
