import { Context } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/postgresql';
import { Complaint, type ComplaintCompensation } from '../../db/entities/complaint.entity';
import { Carrier } from '../../db/entities/carrier.entity';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { ComplaintMessage } from '../../db/entities/complaint-message.entity';
import { earliestCarrierDeadline } from '../../domain/complaint-deadlines';
import { SlaBreach } from '../../db/entities/sla-breach.entity';
import {
  canTransition,
  type ComplaintRemedy,
  type ComplaintStatus,
  type ResponsibleParty,
} from '../../domain/complaints';
import { addServiceTime, serviceTimeBetween, type CalendarKind } from '../../domain/service-calendar';
import type { ServiceTerm } from '../../domain/service-commitments';
import { workflowIdOfActivity } from '../shared/idempotency';
import { createComplaintMailActivities, type ComplaintMailDeps } from './complaint-mail';
import { createComplaintPayoutActivities, type ComplaintPayoutDeps } from './complaint-payout-activities';
import { createComplaintReturnActivities } from './complaint-return-activities';

/** How far into each response window (in service time) whoever must act is warned. */
const WARNING_AT_FRACTION = 0.75;

export interface ComplaintDeadlineResolver {
  resolveDeadlines(input: { startedAt: string; terms: ServiceTerm[]; version?: number }): Promise<{
    version: number;
    calendar: CalendarKind;
    deadlines: Partial<Record<ServiceTerm, string>>;
  }>;
}

export interface ComplaintActivityDeps extends ComplaintMailDeps, ComplaintPayoutDeps {
  orm: MikroORM;
  commitments: ComplaintDeadlineResolver;
}

/** One step of the complaint: its status and fields change once per workflow step (the key). */
export interface ComplaintStepInput {
  complaintId: string;
  /** Unique within the workflow (e.g. `escalated`, `resolved:2`): a retried step is a no-op. */
  step: string;
  /** What happened, for the thread (no personal data). */
  event: string;
  status?: ComplaintStatus;
  escalated?: boolean;
  clearProposal?: boolean;
  acceptedRemedy?: ComplaintRemedy;
  compensation?: Omit<ComplaintCompensation, 'currency' | 'payoutId' | 'paidAt'>;
  resolution?: { remedy: ComplaintRemedy; summary: string; by: string };
  reopenBy?: string | null;
}

/** The activities of the complaintEscalation workflow (T/QGCML 3125 §4.7, §4.8, §5.7, §6.1). */
export function createComplaintActivities(deps: ComplaintActivityDeps) {
  const { orm, commitments } = deps;

  async function deadlineWithWarning(from: string, term: ServiceTerm, version: number, carrierId?: string) {
    const resolved = await commitments.resolveDeadlines({ startedAt: from, terms: [term], version });
    const start = new Date(from);
    const em = orm.em.fork();
    // The same holiday data resolveDeadlines counted with: the years in force at `from`.
    const holidays = await em.getRepository(HolidayYearVersion).calendarInForceAt(start);
    let deadline = new Date(resolved.deadlines[term] as string);
    if (carrierId) {
      // §6.1: the carrier's contract binds it too; the earlier deadline is its own.
      const carrier = await em.findOne(Carrier, { id: carrierId });
      deadline = earliestCarrierDeadline(deadline, start, carrier?.contractTerms ?? null, holidays);
    }
    const window = serviceTimeBetween(start, deadline, resolved.calendar, holidays);
    const warnAt = addServiceTime(start, Math.floor(window * WARNING_AT_FRACTION), resolved.calendar, holidays);
    return { deadline: deadline.toISOString(), warnAt: warnAt.toISOString() };
  }

  return {
    ...createComplaintMailActivities(deps),
    ...createComplaintPayoutActivities(deps),
    ...createComplaintReturnActivities(deps),

    /**
     * The party's and the platform's deadlines, with a warning before each, from the
     * commitment version in force at filing (the API answered the consumer with the same).
     */
    async planComplaintDeadlines(input: {
      /** Absent in executions started before the unstarted-process sweep: nothing to stamp then. */
      complaintId?: string;
      filedAt: string;
      version: number;
      partyTerm?: 'merchantComplaintResponse' | 'courierComplaintResponse';
      /** The carrier answering a delivery complaint, whose contract may promise less time. */
      carrierId?: string;
    }) {
      // The process's first step: from here the unstarted-process sweep leaves the complaint alone.
      if (input.complaintId)
        await orm.em
          .fork()
          .nativeUpdate(Complaint, { id: input.complaintId, processStartedAt: null }, { processStartedAt: new Date() });
      const first = await deadlineWithWarning(input.filedAt, 'complaintFirstResponse', input.version);
      const carrierId = input.partyTerm === 'courierComplaintResponse' ? input.carrierId : undefined;
      const party = input.partyTerm
        ? await deadlineWithWarning(input.filedAt, input.partyTerm, input.version, carrierId)
        : undefined;
      return {
        firstResponseBy: first.deadline,
        firstResponseWarnAt: first.warnAt,
        ...(party ? { partyRespondBy: party.deadline, partyWarnAt: party.warnAt } : {}),
      };
    },

    /** §5.7 result tracking: the consumer may reopen until the window after resolution ends. */
    async planReopenWindow(input: { resolvedAt: string; version: number }): Promise<{ reopenBy: string }> {
      const resolved = await commitments.resolveDeadlines({
        startedAt: input.resolvedAt,
        terms: ['complaintReopenWindow'],
        version: input.version,
      });
      return { reopenBy: resolved.deadlines.complaintReopenWindow as string };
    },

    /** A response in the thread stops the clocks it answers: the party's, and the platform's first. */
    async recordComplaintResponse(input: {
      complaintId: string;
      messageId: string;
      byParty: boolean;
      by: string;
      proposal?: { remedy: ComplaintRemedy; amount?: number };
    }): Promise<void> {
      await orm.em.fork().transactional(async (em) => {
        const complaint = await em.findOneOrFail(
          Complaint,
          { id: input.complaintId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const now = new Date();
        complaint.firstRespondedAt ??= now;
        if (input.byParty) complaint.partyRespondedAt ??= now;
        if (input.proposal) complaint.proposal = { ...input.proposal, by: input.by, at: now.toISOString() };
        if (complaint.status !== 'responded' && canTransition(complaint.status, 'responded'))
          complaint.status = 'responded';
      });
    },

    async recordComplaintStep(input: ComplaintStepInput): Promise<void> {
      const key = `${workflowIdOfActivity()}:${input.step}`;
      await orm.em.fork().transactional(async (em) => {
        const complaint = await em.findOneOrFail(
          Complaint,
          { id: input.complaintId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if ((await em.count(ComplaintMessage, { key })) > 0) return;
        if (input.status) complaint.status = input.status;
        if (input.escalated) complaint.escalatedAt ??= new Date();
        if (input.clearProposal) complaint.proposal = null;
        if (input.acceptedRemedy) complaint.acceptedRemedy = input.acceptedRemedy;
        if (input.compensation)
          complaint.compensation = {
            payoutId: complaint.compensation?.payoutId ?? null,
            paidAt: complaint.compensation?.paidAt ?? null,
            ...input.compensation,
            currency: complaint.currency,
          };
        if (input.resolution) complaint.resolution = { ...input.resolution, at: new Date().toISOString() };
        if (input.reopenBy !== undefined) complaint.reopenBy = input.reopenBy ? new Date(input.reopenBy) : null;
        em.persist(
          new ComplaintMessage({
            complaintId: complaint.id,
            kind: 'event',
            authorRole: 'system',
            authorId: 'complaintEscalation',
            body: input.event,
            key,
          }),
        );
      });
    },

    /** A missed response deadline, charged to whoever missed it; one per complaint and obligation. */
    async recordComplaintBreach(input: {
      complaintId: string;
      obligation: 'complaint_response' | 'complaint_first_response';
      party: ResponsibleParty;
      dueAt: string;
    }): Promise<void> {
      const em = orm.em.fork();
      const complaint = await em.findOneOrFail(Complaint, { id: input.complaintId });
      if ((await em.count(SlaBreach, { obligation: input.obligation, subjectId: complaint.id })) > 0) return;
      const partyId = input.party === 'platform' ? 'platform' : (complaint.partyId() ?? 'unknown');
      em.persist(
        new SlaBreach({
          party: input.party,
          partyId,
          obligation: input.obligation,
          subjectId: complaint.id,
          dueAt: new Date(input.dueAt),
          detectedAt: new Date(),
        }),
      );
      await em.flush();
      Context.current().log.info('SLA breach recorded', { complaintId: complaint.id, obligation: input.obligation });
    },

    /**
     * Kept only for complaints that accepted a return before the remedy was wired (they replay
     * without the `complaint-return-remedy` patch): it records nothing. New complaints create
     * the return with createReturnForComplaint and start `returnRefund` as a child.
     */
    async startReturnForComplaint(input: { complaintId: string; remedy: 'return' | 'exchange' }): Promise<void> {
      Context.current().log.info('return remedy accepted; returns process not wired yet', {
        complaintId: input.complaintId,
        remedy: input.remedy,
      });
    },
  };
}
