import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

export type SlaObligation =
  | 'order_confirmation'
  | 'handover'
  | 'delivery'
  | 'cod_remittance'
  | 'complaint_response'
  /** The platform's own first response to a complaint (§4.7): a breach of the platform. */
  | 'complaint_first_response'
  | 'return_approval'
  | 'return_shipment'
  | 'return_inspection'
  | 'refund';

/** Who answers for a breach: the platform itself when its own answer or refund is late (§4.7, §6.4). */
export type SlaParty = 'merchant' | 'carrier' | 'platform';

/**
 * A missed commitment, charged to the party that missed it: what supervision and the SLA
 * report count (T/QGCML 3125 §4.7, §6.1). One per obligation and subject.
 */
@Entity({ tableName: 'sla_breach' })
@Unique({ properties: ['obligation', 'subjectId'] })
@Index({ properties: ['party', 'partyId', 'detectedAt'] })
export class SlaBreach extends BaseEntity {
  @Property({ type: 'string', length: 16 }) party!: SlaParty;

  @Property({ type: 'string' }) partyId!: string;

  @Property({ type: 'string', length: 32 }) obligation!: SlaObligation;

  @Property({ type: 'string' }) subjectId!: string;

  @Property({ type: 'datetime' }) dueAt!: Date;

  @Property({ type: 'datetime' }) detectedAt!: Date;

  /** Takes named fields: the columns without a default. */
  constructor(fields: Pick<SlaBreach, 'party' | 'partyId' | 'obligation' | 'subjectId' | 'dueAt' | 'detectedAt'>) {
    super();
    Object.assign(this, fields);
  }
}
