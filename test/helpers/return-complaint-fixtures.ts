import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Complaint, type ComplaintCompensation } from '../../db/entities/complaint.entity';
import { RecoveryClaim } from '../../db/entities/recovery-claim.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import type { ComplaintStatus, ResponsibleParty } from '../../domain/complaints';
import type { ReturnStatus } from '../../domain/returns';

// Records of returns, complaints and recovery claims as their processes leave them, written
// straight to the database: what the reports and the console read, without running the
// processes (their own tests do that). Ids only; the parties are whatever ids a test picks.

export interface Parties {
  merchantId: string;
  carrierId: string;
}

export const newParties = (): Parties => ({ merchantId: randomUUID(), carrierId: randomUUID() });

export async function seedReturn(
  orm: MikroORM,
  parties: Parties,
  facts: Partial<Pick<ReturnRequest, 'approveBy' | 'receivedAt' | 'refundBy' | 'refundedAt' | 'commitmentVersion'>> & {
    status: ReturnStatus;
    createdAt?: Date;
  },
): Promise<ReturnRequest> {
  const em = orm.em.fork();
  const request = new ReturnRequest({
    orderId: randomUUID(),
    consumerId: randomUUID(),
    merchantId: parties.merchantId,
    kind: 'return',
    reason: 'quality',
    currency: 'CNY',
  });
  const { createdAt, ...rest } = facts;
  Object.assign(request, { carrierId: parties.carrierId, ...rest });
  if (createdAt) request.createdAt = createdAt;
  await em.persist(request).flush();
  return request;
}

export async function seedComplaint(
  orm: MikroORM,
  parties: Parties,
  facts: {
    party: ResponsibleParty;
    status: ComplaintStatus;
    partyRespondBy: Date | null;
    firstResponseBy: Date;
    firstRespondedAt?: Date;
    compensation?: Pick<ComplaintCompensation, 'status' | 'amount'>;
  },
): Promise<Complaint> {
  const em = orm.em.fork();
  const category = facts.party === 'carrier' ? 'delivery' : facts.party === 'merchant' ? 'quality' : 'other';
  const complaint = new Complaint({
    orderId: randomUUID(),
    consumerId: randomUUID(),
    merchantId: parties.merchantId,
    carrierId: parties.carrierId,
    category,
    description: 'seeded for a report test',
    desiredRemedy: null,
    party: facts.party,
    commitmentVersion: 1,
    partyRespondBy: facts.partyRespondBy,
    firstResponseBy: facts.firstResponseBy,
    currency: 'CNY',
  });
  complaint.status = facts.status;
  if (facts.firstRespondedAt) complaint.firstRespondedAt = facts.firstRespondedAt;
  if (facts.compensation)
    complaint.compensation = {
      kind: 'advance',
      currency: 'CNY',
      reason: 'seeded',
      requestedBy: 'staff-1',
      approvedBy: null,
      payoutId: null,
      paidAt: null,
      ...facts.compensation,
    };
  await em.persist(complaint).flush();
  return complaint;
}

export async function seedRecoveryClaim(
  orm: MikroORM,
  parties: Parties,
  facts: { dueAt: Date; status: RecoveryClaim['status']; amount?: number },
): Promise<RecoveryClaim> {
  const em = orm.em.fork();
  const claim = new RecoveryClaim({
    complaintId: randomUUID(),
    party: 'merchant',
    merchantId: parties.merchantId,
    carrierId: null,
    amount: facts.amount ?? 5000,
    currency: 'CNY',
    reason: 'seeded advance compensation',
    dueAt: facts.dueAt,
  });
  claim.status = facts.status;
  await em.persist(claim).flush();
  return claim;
}
