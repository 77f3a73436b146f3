import { EntityRepository } from '@mikro-orm/postgresql';
import type { Carrier } from '../entities/carrier.entity';

/** Named queries of courier companies (docs/architecture.md "Database"). */
export class CarrierRepository extends EntityRepository<Carrier> {
  findByName(name: string): Promise<Carrier | null> {
    return this.findOne({ name });
  }

  listAll(): Promise<Carrier[]> {
    return this.find({}, { orderBy: { name: 'asc' } });
  }
}
