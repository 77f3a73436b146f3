import { Entity, EntityRepositoryType, Property } from '@mikro-orm/core';
import type { CarrierContractTerms } from '../../domain/carrier-contract';
import { CarrierRepository } from '../repositories/carrier.repository';
import { BaseEntity } from './base.entity';

/**
 * A courier company and the time limits it contracted to (T/QGCML 3125 §6.1, §6.2.2):
 * its handovers, deliveries, cash-on-delivery remittances and complaint answers are
 * measured against these terms.
 */
@Entity({ tableName: 'carrier', repository: () => CarrierRepository })
export class Carrier extends BaseEntity {
  declare [EntityRepositoryType]?: CarrierRepository;

  @Property({ type: 'string', length: 200 }) name!: string;

  /** The company's business address for handover and complaint mail. */
  @Property({ type: 'string', length: 320 }) contactEmail!: string;

  @Property({ type: 'json' }) contractTerms!: CarrierContractTerms;

  /** Takes named fields: the columns without a default. */
  constructor(fields: Pick<Carrier, 'name' | 'contactEmail' | 'contractTerms'>) {
    super();
    Object.assign(this, fields);
  }
}
