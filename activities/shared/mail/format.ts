// Presentation helpers for mail: money, deadlines and HTML escaping. Pure functions, no
// I/O, so templates stay deterministic and easy to test.
import { formatMoney, money, type Currency } from '../../../domain/money';

/** The time zone every deadline in mail is shown in (the service calendar's zone). */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';
const TIME_ZONE_LABEL = '北京时间 / China Standard Time';

/**
 * An amount in minor units (fen for CNY) as e.g. "¥128.50 (CNY)": the domain's exact,
 * float-free formatting plus the currency code, so no reader has to guess what "¥" means
 * (T/QGCML 3125 §5.4: the amounts shown are exactly the amounts charged).
 */
export function formatAmount(minorUnits: number, currency: Currency): string {
  return `${formatMoney(money(minorUnits, currency))} (${currency})`;
}

/**
 * Shows an ISO instant in Beijing time, e.g. "2026-10-09 17:00 (北京时间 / China Standard
 * Time)". Seconds are cut off, never rounded up, so a deadline is never shown later
 * than it is.
 */
export function formatDeadline(isoInstant: string): string {
  const instant = new Date(isoInstant);
  if (Number.isNaN(instant.getTime())) throw new RangeError('not an ISO instant');
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${TIME_ZONE_LABEL})`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}
