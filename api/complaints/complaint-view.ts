import type { Complaint } from '../../db/entities/complaint.entity';
import type { ComplaintMessage } from '../../db/entities/complaint-message.entity';
import type { ComplaintView } from './schemas';

export function toComplaintView(
  complaint: Complaint,
  messages: ComplaintMessage[],
  returns: ReadonlyMap<string, string> = new Map(),
): ComplaintView {
  const compensation = complaint.compensation;
  return {
    id: complaint.id,
    orderId: complaint.orderId,
    category: complaint.category,
    description: complaint.description,
    desiredRemedy: complaint.desiredRemedy,
    status: complaint.status,
    responsibleParty: { kind: complaint.party, id: complaint.partyId() },
    deadlines: {
      partyResponse: complaint.partyRespondBy?.toISOString() ?? null,
      firstResponse: complaint.firstResponseBy.toISOString(),
      reopenBy: complaint.reopenBy?.toISOString() ?? null,
    },
    commitmentVersion: complaint.commitmentVersion,
    proposal: complaint.proposal
      ? {
          remedy: complaint.proposal.remedy,
          ...(complaint.proposal.amount ? { amount: complaint.proposal.amount } : {}),
        }
      : null,
    acceptedRemedy: complaint.acceptedRemedy,
    returnId: returns.get(complaint.id) ?? null,
    compensation: compensation
      ? {
          kind: compensation.kind,
          amount: compensation.amount,
          currency: compensation.currency,
          status: compensation.status,
          requestedBy: compensation.requestedBy,
          approvedBy: compensation.approvedBy,
          paidAt: compensation.paidAt,
        }
      : null,
    resolution: complaint.resolution
      ? { remedy: complaint.resolution.remedy, summary: complaint.resolution.summary, at: complaint.resolution.at }
      : null,
    staffTask: complaint.staffTask,
    messages: messages.map((message) => ({
      id: message.id,
      kind: message.kind,
      authorRole: message.authorRole,
      body: message.body,
      at: message.createdAt.toISOString(),
    })),
    createdAt: complaint.createdAt.toISOString(),
  };
}
