// Money as integer minor units (fen for CNY) with its currency, never floats: 0.1 + 0.2
// is not 0.3 in binary floating point, and a goods amount, a delivery fee and their total
// shown to a consumer (T/QGCML 3125 §5.4) must add up to the fen.
//
// Pure and deterministic (workflows may import it): no I/O, no clock, no locale.
import { z } from 'zod';

export const currencies = ['CNY'] as const;
export const currencySchema = z.enum(currencies);
export type Currency = z.infer<typeof currencySchema>;

/** Digits after the decimal point of one major unit: 1 yuan = 100 fen. */
const minorDigits: Record<Currency, number> = { CNY: 2 };
const symbols: Record<Currency, string> = { CNY: '¥' };

/**
 * An amount in minor units: a safe integer (z.int() refuses 12.5 and anything beyond
 * Number.MAX_SAFE_INTEGER, where integer arithmetic stops being exact).
 */
export const minorUnitsSchema = z.int();

export const moneySchema = z
  .object({
    amount: minorUnitsSchema.describe('integer minor units (fen for CNY)'),
    currency: currencySchema,
  })
  .meta({ id: 'Money' });
export type Money = z.infer<typeof moneySchema>;

export class MoneyError extends Error {
  override readonly name = 'MoneyError';
}

function checkedAmount(amount: number, what: string): number {
  if (!Number.isSafeInteger(amount)) throw new MoneyError(`${what} is not a safe integer amount of minor units`);
  return amount;
}

export function money(amount: number, currency: Currency = 'CNY'): Money {
  return { amount: checkedAmount(amount, 'amount'), currency };
}

export function zero(currency: Currency = 'CNY'): Money {
  return { amount: 0, currency };
}

/** a + b; adding different currencies is a programming error, never a silent conversion. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new MoneyError(`cannot add ${a.currency} and ${b.currency}`);
  return money(checkedAmount(a.amount + b.amount, 'sum'), a.currency);
}

/** The sum of `amounts`, or zero in `currency` for none. */
export function sumMoney(amounts: readonly Money[], currency: Currency = 'CNY'): Money {
  return amounts.reduce(addMoney, zero(currency));
}

/** A unit price times a quantity (an integer: half an item cannot be ordered). */
export function multiplyMoney(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new MoneyError('quantity must be an integer');
  return money(checkedAmount(unit.amount * quantity, 'product'), unit.currency);
}

/**
 * For people: `¥1,234.50`, `-¥0.05`. Built from integer digits rather than by dividing
 * by 100, so no amount ever passes through a float.
 */
export function formatMoney(value: Money): string {
  checkedAmount(value.amount, 'amount');
  const digits = minorDigits[value.currency];
  const sign = value.amount < 0 ? '-' : '';
  const text = Math.abs(value.amount)
    .toString()
    .padStart(digits + 1, '0');
  const major = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const minor = text.slice(text.length - digits);
  return `${sign}${symbols[value.currency]}${major}${digits > 0 ? `.${minor}` : ''}`;
}
