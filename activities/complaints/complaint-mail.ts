import type { MikroORM } from '@mikro-orm/postgresql';
import { Complaint } from '../../db/entities/complaint.entity';
import { RecoveryClaim } from '../../db/entities/recovery-claim.entity';
import type { ComplaintRemedy, ResponsibleParty } from '../../domain/complaints';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { createMailActivities, RecipientRef, SendTemplatedMailInput } from '../shared/mail/mail-activities';

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

function complaintMail(complaint: Complaint, input: ComplaintMailInput, key: string): SendTemplatedMailInput {
  const complaintId = complaint.id;
  const consumer: RecipientRef = { kind: 'account', id: complaint.consumerId };
  const party = partyRecipient(complaint.party, complaint.partyId());
  const firstResponseBy = complaint.firstResponseBy.toISOString();
  switch (input.purpose) {
    case 'complaint_filed_consumer':
      return {
        idempotencyKey: key,
        purpose: input.purpose,
        recipient: consumer,
        data: { complaintId, orderId: complaint.orderId, party: complaint.party, firstResponseBy },
      };
    case 'complaint_filed_party':
      return {
        idempotencyKey: key,
        purpose: input.purpose,
        recipient: party,
        data: {
          complaintId,
          orderId: complaint.orderId,
          category: complaint.category,
          respondBy: (complaint.partyRespondBy ?? complaint.firstResponseBy).toISOString(),
        },
      };
    case 'complaint_response_warning':
      return {
        idempotencyKey: `${key}:${input.to}`,
        purpose: input.purpose,
        recipient: input.to === 'party' ? party : staff,
        data: {
          complaintId,
          respondBy: (input.to === 'party'
            ? (complaint.partyRespondBy ?? complaint.firstResponseBy)
            : complaint.firstResponseBy
          ).toISOString(),
        },
      };
    case 'complaint_response_consumer':
      return {
        idempotencyKey: `${key}:${input.messageId}`,
        purpose: input.purpose,
        recipient: consumer,
        data: {
          complaintId,
          from: input.from,
          currency: complaint.currency,
          ...(input.proposal ? { proposal: input.proposal } : {}),
        },
      };
    case 'complaint_overdue_staff':
      return {
        idempotencyKey: `${key}:${input.obligation}`,
        purpose: input.purpose,
        recipient: staff,
        data: {
          complaintId,
          obligation: input.obligation,
          party: input.party,
          partyId: input.party === 'platform' ? 'platform' : (complaint.partyId() ?? 'unknown'),
          dueAt: input.dueAt,
        },
      };
    case 'complaint_attention_staff':
      return {
        idempotencyKey: `${key}:${input.reason}:${input.round ?? 0}`,
        purpose: input.purpose,
        recipient: staff,
        data: { complaintId, reason: input.reason },
      };
    case 'complaint_compensated_consumer':
      return {
        idempotencyKey: key,
        purpose: input.purpose,
        recipient: consumer,
        data: { complaintId, amount: complaint.compensation?.amount ?? 0, currency: complaint.currency },
      };
    case 'complaint_resolved_consumer':
      return {
        idempotencyKey: `${key}:${input.round ?? 0}`,
        purpose: input.purpose,
        recipient: consumer,
        data: {
          complaintId,
          remedy: complaint.resolution?.remedy ?? 'explanation',
          reopenBy: (complaint.reopenBy ?? new Date()).toISOString(),
        },
      };
  }
}

function recoveryMail(claim: RecoveryClaim, input: RecoveryMailInput, key: string): SendTemplatedMailInput {
  const base = { claimId: claim.id, complaintId: claim.complaintId, currency: claim.currency };
  const party = partyRecipient(claim.party, claim.partyId());
  const dueAt = claim.dueAt.toISOString();
  switch (input.purpose) {
    case 'recovery_claim_demand_party':
      return {
        idempotencyKey: key,
        purpose: input.purpose,
        recipient: party,
        data: { ...base, amount: claim.amount, reason: claim.reason, dueAt },
      };
    case 'recovery_claim_reminder_party':
      return {
        idempotencyKey: `${key}:${input.reminder}`,
        purpose: input.purpose,
        recipient: party,
        data: { ...base, outstanding: claim.outstanding(), dueAt, reminder: input.reminder },
      };
    case 'recovery_claim_overdue_staff':
      return {
        idempotencyKey: key,
        purpose: input.purpose,
        recipient: staff,
        data: { ...base, outstanding: claim.outstanding(), dueAt },
      };
    case 'recovery_claim_closed_party':
      return {
        idempotencyKey: key,
        purpose: input.purpose,
        recipient: party,
        data: { ...base, recovered: claim.recovered, writtenOff: claim.writtenOff },
      };
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
      await mail.sendTemplatedMail(complaintMail(complaint, input, `${workflowIdOfActivity()}:${input.purpose}`));
    },

    async sendRecoveryMail(input: RecoveryMailInput): Promise<void> {
      const claim = await orm.em.fork().findOneOrFail(RecoveryClaim, { id: input.claimId });
      await mail.sendTemplatedMail(recoveryMail(claim, input, `${workflowIdOfActivity()}:${input.purpose}`));
    },
  };
}
