import { EntitySchema } from '@mikro-orm/core';
import type { ComplaintCategory, ComplaintRemedy, ComplaintStatus, ResponsibleParty } from '../../domain/complaints';
import type { Currency } from '../../domain/money';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/** A remedy the party (or staff) proposed, waiting for the consumer's answer (§4.8). */
export interface ComplaintProposal {
  remedy: ComplaintRemedy;
  amount?: number;
  by: string;
  at: string;
}

/** §4.8 advance compensation: the platform pays the consumer, then claims from the party. */
export interface ComplaintCompensation {
  kind: 'advance' | 'agreed';
  amount: number;
  currency: Currency;
  reason: string;
  requestedBy: string;
  approvedBy: string | null;
  status: 'awaiting_approval' | 'paying' | 'paid' | 'refused';
  payoutId: string | null;
  paidAt: string | null;
}

/** Something only a person can settle (a payout the provider refused for good); never only a log line. */
export interface ComplaintStaffTask {
  kind: 'compensation_refused';
  detail: string;
  openedAt: string;
}

/**
 * A consumer's complaint about one order (T/QGCML 3125 §4.7, §4.8, §5.7, §6.1), with the
 * party that must answer it and the deadlines read from the commitments in force at filing.
 * The description stays here and in the thread; workflows and logs carry ids only.
 */
export class Complaint extends BaseEntity {
  status: ComplaintStatus = 'awaiting_response';
  partyRespondedAt: Date | null = null;
  firstRespondedAt: Date | null = null;
  escalatedAt: Date | null = null;
  proposal: ComplaintProposal | null = null;
  acceptedRemedy: ComplaintRemedy | null = null;
  compensation: ComplaintCompensation | null = null;
  resolution: { remedy: ComplaintRemedy; summary: string; by: string; at: string } | null = null;
  reopenBy: Date | null = null;
  staffTask: ComplaintStaffTask | null = null;

  constructor(
    public orderId: string,
    public consumerId: string,
    public merchantId: string,
    /** The order's carrier (its handover slip), when it has one. */
    public carrierId: string | null,
    public category: ComplaintCategory,
    public description: string,
    public desiredRemedy: ComplaintRemedy | null,
    public party: ResponsibleParty,
    public commitmentVersion: number,
    /** merchantComplaintResponse / courierComplaintResponse; null when the platform answers itself. */
    public partyRespondBy: Date | null,
    /** complaintFirstResponse: the platform's promise to the consumer (§4.7). */
    public firstResponseBy: Date,
    public currency: Currency,
  ) {
    super();
  }

  /** The id of the party that must answer: the merchant, the carrier, or null for the platform. */
  partyId(): string | null {
    if (this.party === 'merchant') return this.merchantId;
    if (this.party === 'carrier') return this.carrierId;
    return null;
  }
}

export const ComplaintSchema = new EntitySchema<Complaint, BaseEntity>({
  class: Complaint,
  extends: BaseEntitySchema,
  tableName: 'complaint',
  indexes: [
    { properties: ['consumerId', 'createdAt'] },
    { properties: ['merchantId', 'createdAt'] },
    { properties: ['carrierId', 'createdAt'] },
    { properties: ['orderId'] },
  ],
  properties: {
    orderId: { type: 'uuid' },
    consumerId: { type: 'string' },
    merchantId: { type: 'uuid' },
    carrierId: { type: 'uuid', nullable: true },
    category: { type: 'string', length: 16 },
    description: { type: 'text' },
    desiredRemedy: { type: 'string', length: 16, nullable: true },
    party: { type: 'string', length: 16 },
    status: { type: 'string', length: 32 },
    commitmentVersion: { type: 'integer' },
    partyRespondBy: { type: 'datetime', nullable: true },
    firstResponseBy: { type: 'datetime' },
    currency: { type: 'string', length: 3 },
    partyRespondedAt: { type: 'datetime', nullable: true },
    firstRespondedAt: { type: 'datetime', nullable: true },
    escalatedAt: { type: 'datetime', nullable: true },
    proposal: { type: 'json', nullable: true },
    acceptedRemedy: { type: 'string', length: 16, nullable: true },
    compensation: { type: 'json', nullable: true },
    resolution: { type: 'json', nullable: true },
    reopenBy: { type: 'datetime', nullable: true },
    staffTask: { type: 'json', nullable: true },
  },
});
