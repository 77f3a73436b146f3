import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

/** One line of a package, with the order's name and price for it (§5.3 counted per item). */
export interface SlipItem {
  productId: string;
  name: string;
  unitPrice: number;
  quantity: number;
}

export interface SlipPackage {
  items: SlipItem[];
  weightGrams: number | null;
}

export type SlipParty = 'merchant' | 'carrier';

/** A party's signature as stored; it verifies against the slip's content, not this row's trust. */
export interface StoredSignature {
  party: SlipParty;
  /** The signing principal (token subject). */
  sub: string;
  /** The named custodian of the goods on this side (T/QGCML 3125 §6.2.2). */
  custodianName: string;
  signedAt: string;
  keyId: string;
  /** Ed25519, base64url (domain/handover-signing.ts). */
  signature: string;
}

/**
 * The handover slip (T/QGCML 3125 §6.2.1): what the merchant handed to which carrier,
 * counted per item against the order (§5.3), with the declared value, cash on delivery,
 * the delivery details (encrypted at rest, §7.2) and both parties' signatures (§8.3).
 * Its content is frozen once the first party signs.
 */
@Entity({ tableName: 'handover_slip' })
// One slip per order, and one per exchange's replacement: a second is a conflict, not a
// new slip (the migration makes NULL returnIds equal: NULLS NOT DISTINCT).
@Unique({ properties: ['orderId', 'returnId'] })
@Unique({ properties: ['provider', 'shipmentId'] })
@Index({ properties: ['merchantId', 'createdAt'] })
@Index({ properties: ['carrierId', 'createdAt'] })
export class HandoverSlip extends BaseEntity {
  @Property({ type: 'json', nullable: true }) merchantSignature: StoredSignature | null = null;

  @Property({ type: 'json', nullable: true }) carrierSignature: StoredSignature | null = null;

  /** Set when the second party signs: the moment custody passed to the carrier. */
  @Property({ type: 'datetime', nullable: true }) handedOverAt: Date | null = null;

  /** The carrier's shipment, once booked. */
  @Property({ type: 'string', length: 100, nullable: true }) shipmentId: string | null = null;

  @Property({ type: 'datetime', nullable: true }) deliveredAt: Date | null = null;

  @Property({ type: 'integer' }) codRemittedAmount = 0;

  @Property({ type: 'datetime', nullable: true }) codRemittedAt: Date | null = null;

  /** The exchange whose replacement this slip ships (§6.4); null for the order's own delivery. */
  @Property({ type: 'uuid', nullable: true }) returnId: string | null = null;

  @Property({ type: 'uuid' }) orderId!: string;

  @Property({ type: 'uuid' }) merchantId!: string;

  @Property({ type: 'uuid' }) carrierId!: string;

  @Property({ type: 'json' }) packages!: SlipPackage[];

  @Property({ type: 'integer' }) itemCount!: number;

  @Property({ type: 'integer' }) goodsValue!: number;

  @Property({ type: 'integer' }) declaredValue!: number;

  @Property({ type: 'string', length: 3 }) currency!: string;

  @Property({ type: 'integer', nullable: true }) codAmount!: number | null;

  /** {name, phone, address} of the recipient, FieldCipher ciphertext bound to `handover:<id>:recipient`. */
  @Property({ type: 'text' }) recipientCiphertext!: string;

  /** Which logistics provider's API carries it (the webhook path names it). */
  @Property({ type: 'string', length: 32 }) provider!: string;

  /** Takes named fields: the columns without a default. */
  constructor(
    fields: Pick<
      HandoverSlip,
      | 'orderId'
      | 'merchantId'
      | 'carrierId'
      | 'packages'
      | 'itemCount'
      | 'goodsValue'
      | 'declaredValue'
      | 'currency'
      | 'codAmount'
      | 'recipientCiphertext'
      | 'provider'
    >,
  ) {
    super();
    Object.assign(this, fields);
  }

  recipientContext(): string {
    return `handover:${this.id}:recipient`;
  }
}
