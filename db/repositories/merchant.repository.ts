import { EntityRepository } from '@mikro-orm/postgresql';
import { chinaDate } from '../../domain/china-time';
import { REVIEW_HORIZON_DAYS } from '../../domain/qualifications';
import type { Merchant } from '../entities/merchant.entity';

const DAY_MS = 86_400_000;

/** Named queries of merchants (docs/architecture.md "Database"). */
export class MerchantRepository extends EntityRepository<Merchant> {
  findByNames(names: readonly string[]): Promise<Merchant[]> {
    return this.find({ name: { $in: [...names] } }, { orderBy: { name: 'asc' } });
  }

  /**
   * Merchants holding a document that has lapsed or lapses within `days` of `at`: the
   * work list of staff's periodic re-review (T/QGCML 3125 §4.4).
   */
  async listDueForReview(at: Date, days: number = REVIEW_HORIZON_DAYS): Promise<Merchant[]> {
    const horizon = chinaDate(new Date(at.getTime() + days * DAY_MS));
    return this.createQueryBuilder('m')
      .select('*')
      .where(`exists (select 1 from jsonb_array_elements(m.qualifications) q where (q->>'validUntil') <= ?)`, [horizon])
      .orderBy({ name: 'asc' })
      .getResult();
  }
}
