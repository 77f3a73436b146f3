import type { MikroORM } from '@mikro-orm/postgresql';
import { Complaint } from '../../db/entities/complaint.entity';
import { RecoveryClaim } from '../../db/entities/recovery-claim.entity';
import type { ComplaintRemedy, ResponsibleParty } from '../../domain/complaints';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { createMailActivities } from '../shared/mail/mail-activities';
import { mailInputsOf, type RecipientRef, type SendTemplatedMailInput } from '../shared/mail/mail-input';

export interface ComplaintMailDeps {
  orm: MikroORM;
  mail: Pick<ReturnType<typeof createMailActivities>, 'sendTemplatedMail'>;
}

/** What a workflow asks for: ids, a purpose and the facts only the workflow knows. `round` counts reopenings. */
export type ComplaintMailInput = { complaintId: string; round?: number } & (
  | { purpose: 'complaint_filed_consumer' | 'complaint_filed_party' | 'complaint_compensated_consumer' }
  | { purpose: 'complaint_resolved_consumer' }
  | { purpose: 'complaint_response_warning'; to: 'party' | 'staff' }
  | {
      purpose: 'complaint_response_consumer';
      messageId: string;
      from: ResponsibleParty;
      proposal?: { remedy: ComplaintRemedy; amount?: number };
    }
  | {
      purpose: 'complaint_overdue_staff';
      obligation: 'complaint_response' | 'complaint_first_response';
      party: ResponsibleParty;
      dueAt: string;
    }
  | {
      purpose: 'complaint_attention_staff';
      reason: 'proposal_declined' | 'reopened' | 'approval_needed' | 'compensation_refused' | 'return_not_possible';
    }
);

export type RecoveryMailInput = { claimId: string } & (
  | { purpose: 'recovery_claim_demand_party' | 'recovery_claim_overdue_staff' | 'recovery_claim_closed_party' }
  | { purpose: 'recovery_claim_reminder_party'; reminder: number }
);

const staff: RecipientRef = { kind: 'staff', id: 'staff' };

/** The party's mailbox: a merchant's or a carrier's business address (§4.8, §6.1). */
function partyRecipient(party: ResponsibleParty, partyId: string | null): RecipientRef {
  if (party === 'merchant' && partyId) return { kind: 'merchant', id: partyId };
  if (party === 'carrier' && partyId) return { kind: 'carrier', id: partyId };
  return staff;
}

function complaintMail(complaint: Complaint, input: ComplaintMailInput, workflowId: string): SendTemplatedMailInput {
  const mailTo = mailInputsOf(workflowId);
  const { id: complaintId, orderId, currency } = complaint;
  const consumer: RecipientRef = { kind: 'account', id: complaint.consumerId };
  const party = partyRecipient(complaint.party, complaint.partyId());
  const firstResponseBy = complaint.firstResponseBy.toISOString();
  const partyRespondBy = (complaint.partyRespondBy ?? complaint.firstResponseBy).toISOString();
  const round = input.round ?? 0;
  switch (input.purpose) {
    case 'complaint_filed_consumer':
      return mailTo(input.purpose, consumer, { complaintId, orderId, party: complaint.party, firstResponseBy });
    case 'complaint_filed_party':
      return mailTo(input.purpose, party, {
        complaintId,
        orderId,
        category: complaint.category,
        respondBy: partyRespondBy,
      });
    case 'complaint_response_warning': {
      const toParty = input.to === 'party';
      const respondBy = toParty ? partyRespondBy : firstResponseBy;
      return mailTo(input.purpose, toParty ? party : staff, { complaintId, respondBy }, input.to);
    }
    case 'complaint_response_consumer': {
      const proposal = input.proposal ? { proposal: input.proposal } : {};
      return mailTo(input.purpose, consumer, { complaintId, from: input.from, currency, ...proposal }, input.messageId);
    }
    case 'complaint_overdue_staff': {
      const { obligation, party: responsible, dueAt } = input;
      const partyId = responsible === 'platform' ? 'platform' : (complaint.partyId() ?? 'unknown');
      return mailTo(input.purpose, staff, { complaintId, obligation, party: responsible, partyId, dueAt }, obligation);
    }
    case 'complaint_attention_staff':
      return mailTo(input.purpose, staff, { complaintId, reason: input.reason }, `${input.reason}:${round}`);
    case 'complaint_compensated_consumer':
      return mailTo(input.purpose, consumer, { complaintId, amount: complaint.compensation?.amount ?? 0, currency });
    case 'complaint_resolved_consumer':
      return mailTo(
        input.purpose,
        consumer,
        {
          complaintId,
          remedy: complaint.resolution?.remedy ?? 'explanation',
          reopenBy: (complaint.reopenBy ?? new Date()).toISOString(),
        },
        round,
      );
  }
}

function recoveryMail(claim: RecoveryClaim, input: RecoveryMailInput, workflowId: string): SendTemplatedMailInput {
  const mailTo = mailInputsOf(workflowId);
  const base = { claimId: claim.id, complaintId: claim.complaintId, currency: claim.currency };
  const party = partyRecipient(claim.party, claim.partyId());
  const dueAt = claim.dueAt.toISOString();
  switch (input.purpose) {
    case 'recovery_claim_demand_party':
      return mailTo(input.purpose, party, { ...base, amount: claim.amount, reason: claim.reason, dueAt });
    case 'recovery_claim_reminder_party': {
      const { reminder } = input;
      return mailTo(input.purpose, party, { ...base, outstanding: claim.outstanding(), dueAt, reminder }, reminder);
    }
    case 'recovery_claim_overdue_staff':
      return mailTo(input.purpose, staff, { ...base, outstanding: claim.outstanding(), dueAt });
    case 'recovery_claim_closed_party':
      return mailTo(input.purpose, party, { ...base, recovered: claim.recovered, writtenOff: claim.writtenOff });
  }
}

/**
 * Mail of the complaint and recovery processes (docs/architecture.md "Mail"). The workflow names ids and a
 * purpose; recipients and facts are read here. One message per workflow, purpose and
 * occurrence, however often the activity retries.
 */
export function createComplaintMailActivities({ orm, mail }: ComplaintMailDeps) {
  return {
    async sendComplaintMail(input: ComplaintMailInput): Promise<void> {
      const complaint = await orm.em.fork().findOneOrFail(Complaint, { id: input.complaintId });
      await mail.sendTemplatedMail(complaintMail(complaint, input, workflowIdOfActivity()));
    },

    async sendRecoveryMail(input: RecoveryMailInput): Promise<void> {
      const claim = await orm.em.fork().findOneOrFail(RecoveryClaim, { id: input.claimId });
      await mail.sendTemplatedMail(recoveryMail(claim, input, workflowIdOfActivity()));
    },
  };
}
