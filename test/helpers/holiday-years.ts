import type { HolidayArrangement } from '../../domain/holiday-arrangement';

/**
 * A made-up 2027 (the State Council had not published 2027 when this was written, and no
 * test may pass for the real one): a Spring Festival break from Saturday 02-06 to Sunday
 * 02-14, and Saturdays 01-30 and 02-20 worked instead (调休).
 */
export const madeUp2027: HolidayArrangement = {
  holidays: [
    { name: "元旦 New Year's Day", firstDay: '2027-01-01', lastDay: '2027-01-03' },
    { name: '春节 Spring Festival', firstDay: '2027-02-06', lastDay: '2027-02-14' },
  ],
  adjustedWorkingDays: ['2027-01-30', '2027-02-20'],
  notice: { documentNumber: '国办发明电〔2026〕99号 (test)', date: '2026-11-20' },
};
