import { z } from 'zod';
import { formatDeadline } from '../shared/mail/format';
import { defineTemplate } from '../shared/mail/template';

// Mail about the published service commitments and their calendar (T/QGCML 3125 §4.7, §4.8).

/**
 * A deadline reached a year whose State Council holiday notice nobody loaded: 5x8 deadlines
 * in it count plain weekdays until staff load it. Sent once per year.
 */
export const holidayYearMissingStaff = defineTemplate({
  data: z.strictObject({
    year: z.int().min(2004).max(2100),
    /** The first deadline that reached the year, as the activity computed it. */
    deadline: z.iso.datetime({ offset: true }),
  }),
  compose: ({ year, deadline }) => ({
    subject: {
      zh: `服务日历：缺少 ${year} 年节假日安排`,
      en: `Service calendar: no statutory-holiday arrangement for ${year}`,
    },
    zh: [
      `一个截止时间（${formatDeadline(deadline)}）已进入 ${year} 年，但系统中还没有 ${year} 年的法定节假日安排。在录入国务院办公厅的通知之前，5×8 截止时间按普通周一至周五计算，节假日和调休都不计入。`,
      `请按 README「服务日历」一节，用 PUT /service-calendar/years/${year} 录入通知。`,
    ],
    en: [
      `A deadline (${formatDeadline(deadline)}) reaches ${year}, but the platform has no statutory-holiday arrangement for ${year}. Until the State Council's notice is loaded, 5×8 deadlines there count plain Monday to Friday: no holidays, no adjusted working days.`,
      `Please load the notice with PUT /service-calendar/years/${year} (README, "Service calendar").`,
    ],
  }),
});
