import { EntityRepository } from '@mikro-orm/postgresql';
import type { RecoveryDrill } from '../entities/recovery-drill.entity';

export class RecoveryDrillRepository extends EntityRepository<RecoveryDrill> {
  listRecent(limit: number): Promise<RecoveryDrill[]> {
    return this.find({}, { orderBy: { createdAt: 'desc' }, limit });
  }
}
