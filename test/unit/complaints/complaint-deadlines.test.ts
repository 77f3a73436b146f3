import { earliestCarrierDeadline } from '../../../domain/complaint-deadlines';
import { HolidayCalendar } from '../../../domain/holiday-calendar';

const holidays = HolidayCalendar.packageOnly();

describe('the carrier’s complaint deadline (T/QGCML 3125 §6.1, §4.8)', () => {
  const filed = new Date('2026-11-25T10:00:00+08:00');
  const committed = new Date('2026-11-26T10:00:00+08:00'); // PT8H on 5x8

  it('is the platform’s commitment when the contract promises less', () => {
    expect(
      earliestCarrierDeadline(committed, filed, { calendar: '7x24', complaintResponseWithin: 'P2D' }, holidays),
    ).toEqual(committed);
  });

  it('is the contract’s when the carrier promised to answer sooner', () => {
    expect(
      earliestCarrierDeadline(committed, filed, { calendar: '5x8', complaintResponseWithin: 'PT2H' }, holidays),
    ).toEqual(new Date('2026-11-25T12:00:00+08:00'));
  });

  it('is the commitment for a carrier without a contract on file', () => {
    expect(earliestCarrierDeadline(committed, filed, null, holidays)).toEqual(committed);
  });
});
