import type { MikroORM } from '@mikro-orm/postgresql';
import { Carrier } from '../../db/entities/carrier.entity';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { parseIsoDuration } from '../../domain/iso-duration';
import { addServiceTime } from '../../domain/service-calendar';

type Term = 'returnShipment' | 'returnInspection' | 'refund';

export interface ReturnDeadlineResolver {
  resolveDeadlines(input: {
    startedAt: string;
    terms: Term[];
    version?: number;
  }): Promise<{ version: number; deadlines: Partial<Record<Term, string>> }>;
}

/**
 * Deadlines of a return (T/QGCML 3125 §6.4): each counted from its own step, always with
 * the commitment version in force when the consumer asked, so a later change of the
 * commitments never moves the deadline of a return already running.
 */
export function createReturnDeadlines(orm: MikroORM, commitments: ReturnDeadlineResolver) {
  return {
    /**
     * approveBy and the version, as fixed when the request was made (activities/returns/request-return.ts).
     * The process's first step: it records that the process runs, so the unstarted-process
     * sweep leaves the request alone from here.
     */
    async planReturn(input: { returnId: string }) {
      const em = orm.em.fork();
      const request = await em.findOneOrFail(ReturnRequest, { id: input.returnId });
      if (!request.processStartedAt) {
        request.processStartedAt = new Date();
        await em.flush();
      }
      return {
        kind: request.kind,
        approveBy: (request.approveBy ?? request.createdAt).toISOString(),
        commitmentVersion: request.commitmentVersion ?? undefined,
        /** Who granted a goodwill refund: it starts approved. */
        preApprovedBy: request.kind === 'goodwill' ? (request.decidedBy ?? 'staff') : undefined,
      };
    },

    /**
     * A step's deadline from the commitments; for the return shipment, the earlier of the
     * platform's commitment and the carrier's contracted delivery time (§6.1), as delivery does.
     */
    async returnDeadline(input: { returnId: string; term: Term; from: string; version?: number }) {
      const resolved = await commitments.resolveDeadlines({
        startedAt: input.from,
        terms: [input.term],
        ...(input.version ? { version: input.version } : {}),
      });
      let dueAt = new Date(resolved.deadlines[input.term] as string);
      if (input.term === 'returnShipment') {
        const em = orm.em.fork();
        const request = await em.findOneOrFail(ReturnRequest, { id: input.returnId });
        const carrier = request.carrierId ? await em.findOne(Carrier, { id: request.carrierId }) : null;
        if (carrier) {
          const { deliveryWithin, calendar } = carrier.contractTerms;
          const from = new Date(input.from);
          const holidays = await em.getRepository(HolidayYearVersion).calendarInForceAt(from);
          const contracted = addServiceTime(from, parseIsoDuration(deliveryWithin), calendar, holidays);
          if (contracted < dueAt) dueAt = contracted;
        }
      }
      return { dueAt: dueAt.toISOString() };
    },
  };
}
