// How the service commitments read to people: T/QGCML 3125 §4.7 wants the response times
// "published prominently", and "PT8H" alone tells a consumer nothing. Pure text, no I/O.
import { parseIsoDuration } from './iso-duration';
import type { ServiceTerm } from './service-commitments';
import type { HolidayCalendar } from './holiday-calendar';
import { missingHolidayYears, missingYearNotice, type CalendarKind } from './service-calendar';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WORKING_DAY = 8 * HOUR; // T/QGCML 3125 §4.7 on the 5x8 calendar
const HALF_WORKING_DAY = 4 * HOUR;

const FIVE_BY_EIGHT_HOURS = "Mon–Fri 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded";

/** What each term promises and the clause that asks for it, in the words of the published page. */
export const serviceTermInfo: Record<ServiceTerm, { label: string; clause: string }> = {
  orderConfirmation: { label: 'Order confirmation, from the order being placed', clause: '§4.7' },
  complaintFirstResponse: { label: 'First response to a complaint', clause: '§4.7' },
  merchantComplaintResponse: {
    label: "Merchant's answer to a complaint, before the platform steps in",
    clause: '§4.8',
  },
  courierComplaintResponse: { label: "Courier's answer to a delivery complaint", clause: '§6.1' },
  handover: { label: 'Handover of the goods to the courier, from confirmation', clause: '§6.2.2' },
  delivery: { label: 'Delivery, from the handover', clause: '§6.1' },
  codRemittance: { label: 'Remittance of cash-on-delivery money, from delivery', clause: '§6.1' },
  returnApproval: { label: 'Decision on a return or exchange request', clause: '§6.4' },
  refund: { label: 'Refund, from the returned goods being confirmed', clause: '§6.4' },
  returnWindow: { label: 'Return without a reason, from delivery', clause: '§6.4' },
  faultReturnWindow: { label: 'Return of goods with a fault, from delivery', clause: '§4.8' },
  returnShipment: { label: 'Return shipment back to the merchant, from its booking', clause: '§6.4' },
  returnInspection: { label: 'Inspection of returned goods, from their receipt', clause: '§6.4' },
  recoveryClaimDue: { label: 'Repayment of an advance compensation by the party at fault', clause: '§4.8' },
  recoveryClaimReminder: { label: 'Reminders while a recovery claim is unpaid, every', clause: '§4.8' },
  complaintReopenWindow: { label: 'Reopening a resolved complaint, from its resolution', clause: '§5.7' },
};

/** The calendar a set of commitments counts on, for people. */
export function describeCalendar(calendar: CalendarKind): string {
  return calendar === '5x8'
    ? "5×8: Monday to Friday, 09:00–17:00 Asia/Shanghai (UTC+8); China's statutory holidays are " +
        'excluded and the adjusted working days (调休) announced by the State Council are worked ' +
        '(T/QGCML 3125 §4.7, §4.8)'
    : '7×24: around the clock, every day of the year, holidays included (T/QGCML 3125 §4.7, §4.8)';
}

/**
 * A service duration for people: "PT8H" on 5x8 is "1 working day (8 service hours, Mon–Fri
 * 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded)"; on 7x24 "8 hours, around
 * the clock (7×24)".
 */
export function describeServiceDuration(iso: string, calendar: CalendarKind): string {
  const ms = parseIsoDuration(iso);
  if (calendar === '7x24') {
    return ms % DAY === 0
      ? `${count(ms / DAY, 'day')} (${count(ms / HOUR, 'hour')}, around the clock, 7×24)`
      : `${clock(ms)}, around the clock (7×24)`;
  }
  const amount = ms % HOUR === 0 ? count(ms / HOUR, 'service hour') : `${clock(ms)} of service time`;
  if (ms % HALF_WORKING_DAY !== 0) return `${amount} (${FIVE_BY_EIGHT_HOURS})`;
  const days = ms / WORKING_DAY;
  const workingDays = days === 0.5 ? 'half a working day' : `${days} working ${days === 1 ? 'day' : 'days'}`;
  return `${workingDays} (${amount}, ${FIVE_BY_EIGHT_HOURS})`;
}

/**
 * The current and the next year in Shanghai (the years a deadline published today can
 * reach) whose holiday notice nobody loaded yet: 5x8 counts plain weekdays there. None on 7x24.
 */
export function publishedMissingYears(now: Date, calendar: CalendarKind, holidays: HolidayCalendar): number[] {
  const year = new Date(now.getTime() + 8 * HOUR).getUTCFullYear();
  const startOfYear = new Date(Date.UTC(year, 0, 1) - 8 * HOUR);
  const endOfNextYear = new Date(Date.UTC(year + 2, 0, 1) - 8 * HOUR - 1);
  return missingHolidayYears(startOfYear, endOfNextYear, calendar, holidays);
}

/** The same years as warnings for people. */
export function publishedCalendarNotices(now: Date, calendar: CalendarKind, holidays: HolidayCalendar): string[] {
  return publishedMissingYears(now, calendar, holidays).map(missingYearNotice);
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "1 hour 30 minutes", "45 seconds", "1.5 seconds": hours are not folded into days. */
function clock(ms: number): string {
  const parts: string[] = [];
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = (ms % MINUTE) / SECOND;
  if (hours > 0) parts.push(count(hours, 'hour'));
  if (minutes > 0) parts.push(count(minutes, 'minute'));
  if (seconds > 0) parts.push(count(seconds, 'second'));
  return parts.join(' ');
}
