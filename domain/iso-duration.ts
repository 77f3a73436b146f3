// ISO-8601 durations for published service commitments ("PT8H" to confirm an order,
// "PT4H" to answer a complaint — T/QGCML 3125 §4.7, §4.8), as milliseconds.
//
// Import-free on purpose: workflows may import this module, so it must stay pure and
// deterministic (docs/architecture.md "Workflows"). Zod schemas built on it live outside workflow reach
// (`isoDurationSchema` in domain/service-calendar.ts).
//
// Only fixed-length components are accepted: days (D = 24 h), hours, minutes and seconds
// with up to three fractional digits. Years, months and weeks are rejected because their
// length varies. Note that the length is counted in *service* time: on a 5x8 calendar one
// working day is PT8H, and P1D is 24 service hours, i.e. three working days.

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

export const isoDurationMessage = 'must be an ISO-8601 duration such as PT8H';

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,3}))?S)?)?$/;
const VARIABLE_LENGTH = /^P[^T]*[YMW]/;

/** Milliseconds in an ISO-8601 duration such as "PT8H"; throws an Error if unsupported. */
export function parseIsoDuration(text: string): number {
  if (VARIABLE_LENGTH.test(text)) {
    throw new Error(
      `"${text}" is not a supported duration: years, months and weeks have no fixed ` +
        'length; use days, hours, minutes or seconds (e.g. PT8H, P2DT4H)',
    );
  }
  const match = DURATION.exec(text);
  const hasComponent = match !== null && match.slice(1, 5).some((part) => part !== undefined);
  const danglingT = text.endsWith('T');
  if (match === null || !hasComponent || danglingT) {
    throw new Error(`"${text}" ${isoDurationMessage}`);
  }
  const [, days, hours, minutes, seconds, fraction] = match;
  const ms =
    Number(days ?? 0) * MS_PER_DAY +
    Number(hours ?? 0) * MS_PER_HOUR +
    Number(minutes ?? 0) * MS_PER_MINUTE +
    Number(seconds ?? 0) * MS_PER_SECOND +
    Number((fraction ?? '').padEnd(3, '0'));
  if (!Number.isSafeInteger(ms)) {
    throw new Error(`"${text}" is too long a duration`);
  }
  return ms;
}

/** True when `text` is a duration `parseIsoDuration` accepts. */
export function isIsoDuration(text: string): boolean {
  try {
    parseIsoDuration(text);
    return true;
  } catch {
    return false;
  }
}

/** Canonical ISO-8601 form of a non-negative whole number of milliseconds ("PT8H", "P1DT4H", "PT0S"). */
export function formatIsoDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new Error(`cannot format ${ms} ms as a duration: need a non-negative whole number`);
  }
  const days = Math.floor(ms / MS_PER_DAY);
  const hours = Math.floor((ms % MS_PER_DAY) / MS_PER_HOUR);
  const minutes = Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE);
  const seconds = Math.floor((ms % MS_PER_MINUTE) / MS_PER_SECOND);
  const millis = ms % MS_PER_SECOND;

  const datePart = days > 0 ? `${days}D` : '';
  let timePart = '';
  if (hours > 0) timePart += `${hours}H`;
  if (minutes > 0) timePart += `${minutes}M`;
  if (seconds > 0 || millis > 0) {
    const fraction = millis > 0 ? `.${String(millis).padStart(3, '0').replace(/0+$/, '')}` : '';
    timePart += `${seconds}${fraction}S`;
  }
  if (datePart === '' && timePart === '') return 'PT0S';
  return `P${datePart}${timePart === '' ? '' : `T${timePart}`}`;
}
