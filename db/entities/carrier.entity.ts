import { EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import type { CarrierContractTerms } from '../../domain/carrier-contract';
import { CarrierRepository } from '../repositories/carrier.repository';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * A courier company and the time limits it contracted to (T/QGCML 3125 §6.1, §6.2.2):
 * its handovers, deliveries, cash-on-delivery remittances and complaint answers are
 * measured against these terms.
 */
export class Carrier extends BaseEntity {
  declare [EntityRepositoryType]?: CarrierRepository;

  constructor(
    public name: string,
    /** The company's business address for handover and complaint mail. */
    public contactEmail: string,
    public contractTerms: CarrierContractTerms,
  ) {
    super();
  }
}

export const CarrierSchema = new EntitySchema<Carrier, BaseEntity>({
  class: Carrier,
  extends: BaseEntitySchema,
  tableName: 'carrier',
  repository: () => CarrierRepository,
  properties: {
    name: { type: 'string', length: 200 },
    contactEmail: { type: 'string', length: 320 },
    contractTerms: { type: 'json' },
  },
});
