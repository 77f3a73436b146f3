import { Entity, EntityRepositoryType, Enum, Index, Property } from '@mikro-orm/core';
import {
  qualificationProblemsAt,
  qualificationsExpiringWithin,
  REVIEW_HORIZON_DAYS,
  type Qualification,
  type QualificationProblem,
} from '../../domain/qualifications';
import { MerchantRepository } from '../repositories/merchant.repository';
import { BaseEntity } from './base.entity';

export const merchantStatuses = ['active', 'suspended'] as const;
export type MerchantStatus = (typeof merchantStatuses)[number];

/**
 * A shop selling on the platform, with the qualifications staff reviewed and filed
 * (T/QGCML 3125 §4.4) and disclose to the public (§4.5).
 */
@Entity({ tableName: 'merchant', repository: () => MerchantRepository })
@Index({ properties: ['name'] })
export class Merchant extends BaseEntity {
  declare [EntityRepositoryType]?: MerchantRepository;

  @Enum({ items: () => merchantStatuses }) status: MerchantStatus = 'active';

  @Property({ type: 'string', length: 200 }) name!: string;

  /** The shop's business address for order mail; not a consumer's personal data. */
  @Property({ type: 'string', length: 320 }) contactEmail!: string;

  @Property({ type: 'json' }) qualifications!: Qualification[];

  /** When staff filed the reviewed documents. */
  @Property({ type: 'datetime' }) filedAt!: Date;

  /** When staff last re-reviewed them (§4.4 periodic re-review). */
  @Property({ type: 'datetime' }) lastReviewedAt!: Date;

  /** Takes named fields: the columns without a default. */
  constructor(fields: Pick<Merchant, 'name' | 'contactEmail' | 'qualifications' | 'filedAt' | 'lastReviewedAt'>) {
    super();
    Object.assign(this, fields);
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
