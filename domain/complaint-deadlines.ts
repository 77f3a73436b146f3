// The carrier's complaint deadline (T/QGCML 3125 §6.1 "answering delivery complaints within
// 1 working day", §4.8): the platform's published commitment and the carrier's own contract
// both bind it; the earlier is the one it must meet (as delivery deadlines do,
// activities/delivery/delivery-deadlines.ts). Runs the service calendar: never import it
// from workflow code (the API and activities call it).
import type { CarrierContractTerms } from './carrier-contract';
import type { HolidayCalendar } from './holiday-calendar';
import { parseIsoDuration } from './iso-duration';
import { addServiceTime } from './service-calendar';

export function earliestCarrierDeadline(
  committed: Date,
  filedAt: Date,
  contract: Pick<CarrierContractTerms, 'calendar' | 'complaintResponseWithin'> | null,
  holidays: HolidayCalendar,
): Date {
  if (!contract) return committed;
  const contracted = addServiceTime(
    filedAt,
    parseIsoDuration(contract.complaintResponseWithin),
    contract.calendar,
    holidays,
  );
  return contracted < committed ? contracted : committed;
}
