import {
  addMoney,
  formatMoney,
  money,
  MoneyError,
  moneySchema,
  multiplyMoney,
  sumMoney,
  zero,
} from '../../../domain/money';

// T/QGCML 3125 §5.4: goods amount, delivery fee and total are shown separately and must add
// up exactly, so money is integer minor units (fen) and never a float.
describe('money in integer minor units (T/QGCML 3125 §5.4)', () => {
  it('adds amounts exactly where floats would not (0.10 + 0.20 yuan is 0.30)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addMoney(money(10), money(20))).toEqual({ amount: 30, currency: 'CNY' });
  });

  it('multiplies a unit price by an integer quantity', () => {
    expect(multiplyMoney(money(1999), 3)).toEqual(money(5997));
    expect(multiplyMoney(money(1999), 0)).toEqual(zero());
  });

  it('refuses a fractional quantity or amount instead of rounding silently', () => {
    expect(() => multiplyMoney(money(100), 1.5)).toThrow(MoneyError);
    expect(() => money(12.5)).toThrow(MoneyError);
  });

  it('refuses results beyond the safe-integer range, where arithmetic stops being exact', () => {
    expect(() => multiplyMoney(money(Number.MAX_SAFE_INTEGER), 2)).toThrow(MoneyError);
    expect(() => addMoney(money(Number.MAX_SAFE_INTEGER), money(1))).toThrow(MoneyError);
  });

  it('sums a list of amounts, and an empty list to zero', () => {
    expect(sumMoney([money(1250), money(800), money(5)])).toEqual(money(2055));
    expect(sumMoney([])).toEqual(zero('CNY'));
  });

  it('never adds different currencies', () => {
    const foreign = { amount: 100, currency: 'USD' } as unknown as ReturnType<typeof money>;
    expect(() => addMoney(money(100), foreign)).toThrow('cannot add CNY and USD');
  });

  it('formats for people with two fen digits and thousands separators', () => {
    expect(formatMoney(money(1250))).toBe('¥12.50');
    expect(formatMoney(money(5))).toBe('¥0.05');
    expect(formatMoney(money(0))).toBe('¥0.00');
    expect(formatMoney(money(123456789))).toBe('¥1,234,567.89');
    expect(formatMoney(money(-5))).toBe('-¥0.05');
  });

  it('validates with moneySchema: integer amount and a known currency', () => {
    expect(moneySchema.safeParse({ amount: 1250, currency: 'CNY' }).success).toBe(true);
    expect(moneySchema.safeParse({ amount: 12.5, currency: 'CNY' }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 1250, currency: 'USD' }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: '1250', currency: 'CNY' }).success).toBe(false);
  });
});
