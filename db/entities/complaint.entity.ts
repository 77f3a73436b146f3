import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { ComplaintCategory, ComplaintRemedy, ComplaintStatus, ResponsibleParty } from '../../domain/complaints';
import type { Currency } from '../../domain/money';
import { OrderParties, type OrderPartiesFields } from './order-parties';

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
@Entity({ tableName: 'complaint' })
@Unique({ properties: ['consumerId', 'idempotencyKey'] })
@Index({ properties: ['consumerId', 'createdAt'] })
@Index({ properties: ['merchantId', 'createdAt'] })
@Index({ properties: ['carrierId', 'createdAt'] })
@Index({ properties: ['orderId'] })
@Index({ properties: ['processStartedAt', 'createdAt'] })
export class Complaint extends OrderParties {
  @Property({ type: 'string', length: 32 }) status: ComplaintStatus = 'awaiting_response';

  @Property({ type: 'datetime', nullable: true }) partyRespondedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true }) firstRespondedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true }) escalatedAt: Date | null = null;

  @Property({ type: 'json', nullable: true }) proposal: ComplaintProposal | null = null;

  @Property({ type: 'string', length: 16, nullable: true }) acceptedRemedy: ComplaintRemedy | null = null;

  @Property({ type: 'json', nullable: true }) compensation: ComplaintCompensation | null = null;

  @Property({ type: 'json', nullable: true })
  resolution: { remedy: ComplaintRemedy; summary: string; by: string; at: string } | null = null;

  @Property({ type: 'datetime', nullable: true }) reopenBy: Date | null = null;

  @Property({ type: 'json', nullable: true }) staffTask: ComplaintStaffTask | null = null;

  /**
   * When the complaint's process first ran (its first activity): a complaint committed
   * without one (the API died between commit and start) is found by the unstarted-process sweep.
   */
  @Property({ type: 'datetime', nullable: true }) processStartedAt: Date | null = null;

  @Property({ type: 'string', length: 16 }) category!: ComplaintCategory;

  @Property({ type: 'text' }) description!: string;

  @Property({ type: 'string', length: 16, nullable: true }) desiredRemedy!: ComplaintRemedy | null;

  @Property({ type: 'string', length: 16 }) party!: ResponsibleParty;

  @Property({ type: 'integer' }) commitmentVersion!: number;

  /** merchantComplaintResponse / courierComplaintResponse; null when the platform answers itself. */
  @Property({ type: 'datetime', nullable: true }) partyRespondBy!: Date | null;

  /** complaintFirstResponse: the platform's promise to the consumer (§4.7). */
  @Property({ type: 'datetime' }) firstResponseBy!: Date;

  @Property({ type: 'string', length: 3 }) currency!: Currency;

  /** Takes named fields: the parties and the columns without a default. */
  constructor(
    fields: OrderPartiesFields &
      Pick<
        Complaint,
        | 'category'
        | 'description'
        | 'desiredRemedy'
        | 'party'
        | 'commitmentVersion'
        | 'partyRespondBy'
        | 'firstResponseBy'
        | 'currency'
      >,
  ) {
    super(fields);
    // Its own columns here, after super() has returned and its field declarations have run
    // (the base assigned only the base's: docs/architecture.md "Database").
    Object.assign(this, fields);
  }

  /** The id of the party that must answer: the merchant, the carrier, or null for the platform. */
  partyId(): string | null {
    if (this.party === 'merchant') return this.merchantId;
    if (this.party === 'carrier') return this.carrierId;
    return null;
  }
}
