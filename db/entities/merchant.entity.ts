import { EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import {
  qualificationProblemsAt,
  qualificationsExpiringWithin,
  REVIEW_HORIZON_DAYS,
  type Qualification,
  type QualificationProblem,
} from '../../domain/qualifications';
import { MerchantRepository } from '../repositories/merchant.repository';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export const merchantStatuses = ['active', 'suspended'] as const;
export type MerchantStatus = (typeof merchantStatuses)[number];

/**
 * A shop selling on the platform, with the qualifications staff reviewed and filed
 * (T/QGCML 3125 §4.4) and disclose to the public (§4.5).
 */
export class Merchant extends BaseEntity {
  declare [EntityRepositoryType]?: MerchantRepository;

  status: MerchantStatus = 'active';

  constructor(
    public name: string,
    /** The shop's business address for order mail; not a consumer's personal data. */
    public contactEmail: string,
    public qualifications: Qualification[],
    /** When staff filed the reviewed documents. */
    public filedAt: Date,
    /** When staff last re-reviewed them (§4.4 periodic re-review). */
    public lastReviewedAt: Date,
  ) {
    super();
  }

  /** What keeps this merchant from selling at `at`; empty when its documents are in order. */
  qualificationProblemsAt(at: Date): QualificationProblem[] {
    return qualificationProblemsAt(this.qualifications, at);
  }

  /** Every required document is on file and no filed kind of document has lapsed (§4.4). */
  qualificationsValidAt(at: Date): boolean {
    return this.qualificationProblemsAt(at).length === 0;
  }

  /** Documents that lapse within `days`: staff re-review them before they do (§4.4). */
  qualificationsExpiringWithin(at: Date, days: number = REVIEW_HORIZON_DAYS): Qualification[] {
    return qualificationsExpiringWithin(this.qualifications, at, days);
  }

  /** Whether it may list new products at `at`: active and qualified. */
  maySellAt(at: Date): boolean {
    return this.status === 'active' && this.qualificationsValidAt(at);
  }
}

export const MerchantSchema = new EntitySchema<Merchant, BaseEntity>({
  class: Merchant,
  extends: BaseEntitySchema,
  tableName: 'merchant',
  repository: () => MerchantRepository,
  properties: {
    name: { type: 'string', length: 200 },
    contactEmail: { type: 'string', length: 320 },
    qualifications: { type: 'json' },
    filedAt: { type: 'datetime' },
    lastReviewedAt: { type: 'datetime' },
    status: { enum: true, items: () => merchantStatuses },
  },
  indexes: [{ properties: ['name'] }],
});
