import type { MikroORM } from '@mikro-orm/postgresql';
import { Carrier } from '../../db/entities/carrier.entity';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import type { HandoverSubject } from './delivery-activities';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { parseIsoDuration } from '../../domain/iso-duration';
import { addServiceTime, type CalendarKind } from '../../domain/service-calendar';

type Term = 'handover' | 'delivery' | 'codRemittance';

export interface HandoverDeadlineResolver {
  resolveDeadlines(input: {
    startedAt: string;
    terms: Term[];
  }): Promise<{ version: number; calendar: CalendarKind; deadlines: Partial<Record<Term, string>> }>;
}

/**
 * Deadlines of the handover process (T/QGCML 3125 §6.1, §6.2.2). The platform's published
 * commitment and the carrier's contract both bind the carrier; the earlier of the two is
 * the one it must meet. Read in activities, so a replay never depends on them.
 */
export function createDeliveryDeadlines(orm: MikroORM, commitments: HandoverDeadlineResolver) {
  async function earliest(subject: HandoverSubject, from: string, term: 'delivery' | 'codRemittance') {
    const resolved = await commitments.resolveDeadlines({ startedAt: from, terms: [term] });
    let deadline = new Date(resolved.deadlines[term] as string);
    const em = orm.em.fork();
    const slip = await em.findOneOrFail(HandoverSlip, { orderId: subject.orderId, returnId: subject.returnId ?? null });
    const carrier = await em.findOne(Carrier, { id: slip.carrierId });
    if (carrier) {
      const terms = carrier.contractTerms;
      const within = term === 'delivery' ? terms.deliveryWithin : terms.codRemittanceWithin;
      const holidays = await em.getRepository(HolidayYearVersion).calendarInForceAt(new Date(from));
      const contracted = addServiceTime(new Date(from), parseIsoDuration(within), terms.calendar, holidays);
      if (contracted < deadline) deadline = contracted;
    }
    return { deadline: deadline.toISOString(), slip };
  }

  return {
    /** §6.2.2: handed over within the agreed time of the confirmation. */
    async planHandover(input: { orderId: string; confirmedAt: string }): Promise<{ handoverBy: string }> {
      const resolved = await commitments.resolveDeadlines({ startedAt: input.confirmedAt, terms: ['handover'] });
      return { handoverBy: resolved.deadlines.handover as string };
    },

    /** §6.1: delivered within the contracted time of the handover. */
    async planDelivery(input: HandoverSubject & { handedOverAt: string }) {
      const { deadline, slip } = await earliest(input, input.handedOverAt, 'delivery');
      return { deliverBy: deadline, codAmount: slip.codAmount };
    },

    /** §6.1: cash on delivery remitted within the contracted time of delivery. */
    async planCodRemittance(input: HandoverSubject & { deliveredAt: string }): Promise<{ remitBy: string }> {
      const { deadline } = await earliest(input, input.deliveredAt, 'codRemittance');
      return { remitBy: deadline };
    },
  };
}
