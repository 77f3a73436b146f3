import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

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
export class SlaBreach extends BaseEntity {
  constructor(
    public party: SlaParty,
    public partyId: string,
    public obligation: SlaObligation,
    public subjectId: string,
    public dueAt: Date,
    public detectedAt: Date,
  ) {
    super();
  }
}

export const SlaBreachSchema = new EntitySchema<SlaBreach, BaseEntity>({
  class: SlaBreach,
  extends: BaseEntitySchema,
  tableName: 'sla_breach',
  uniques: [{ properties: ['obligation', 'subjectId'] }],
  indexes: [{ properties: ['party', 'partyId', 'detectedAt'] }],
  properties: {
    party: { type: 'string', length: 16 },
    partyId: { type: 'string' },
    obligation: { type: 'string', length: 32 },
    subjectId: { type: 'string' },
    dueAt: { type: 'datetime' },
    detectedAt: { type: 'datetime' },
  },
});
