import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

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
export class HandoverSlip extends BaseEntity {
  merchantSignature: StoredSignature | null = null;
  carrierSignature: StoredSignature | null = null;
  /** Set when the second party signs: the moment custody passed to the carrier. */
  handedOverAt: Date | null = null;
  /** The carrier's shipment, once booked. */
  shipmentId: string | null = null;
  deliveredAt: Date | null = null;
  codRemittedAmount = 0;
  codRemittedAt: Date | null = null;
  /** The exchange whose replacement this slip ships (§6.4); null for the order's own delivery. */
  returnId: string | null = null;

  constructor(
    public orderId: string,
    public merchantId: string,
    public carrierId: string,
    public packages: SlipPackage[],
    public itemCount: number,
    public goodsValue: number,
    public declaredValue: number,
    public currency: string,
    public codAmount: number | null,
    /** {name, phone, address} of the recipient, FieldCipher ciphertext bound to `handover:<id>:recipient`. */
    public recipientCiphertext: string,
    /** Which logistics provider's API carries it (the webhook path names it). */
    public provider: string,
  ) {
    super();
  }

  recipientContext(): string {
    return `handover:${this.id}:recipient`;
  }
}

export const HandoverSlipSchema = new EntitySchema<HandoverSlip, BaseEntity>({
  class: HandoverSlip,
  extends: BaseEntitySchema,
  tableName: 'handover_slip',
  // One slip per order, and one per exchange's replacement: a second is a conflict, not a
  // new slip (the migration makes NULL returnIds equal: NULLS NOT DISTINCT).
  uniques: [{ properties: ['orderId', 'returnId'] }, { properties: ['provider', 'shipmentId'] }],
  indexes: [{ properties: ['merchantId', 'createdAt'] }, { properties: ['carrierId', 'createdAt'] }],
  properties: {
    orderId: { type: 'uuid' },
    merchantId: { type: 'uuid' },
    carrierId: { type: 'uuid' },
    packages: { type: 'json' },
    itemCount: { type: 'integer' },
    goodsValue: { type: 'integer' },
    declaredValue: { type: 'integer' },
    currency: { type: 'string', length: 3 },
    codAmount: { type: 'integer', nullable: true },
    recipientCiphertext: { type: 'text' },
    provider: { type: 'string', length: 32 },
    merchantSignature: { type: 'json', nullable: true },
    carrierSignature: { type: 'json', nullable: true },
    handedOverAt: { type: 'datetime', nullable: true },
    shipmentId: { type: 'string', length: 100, nullable: true },
    deliveredAt: { type: 'datetime', nullable: true },
    codRemittedAmount: { type: 'integer' },
    codRemittedAt: { type: 'datetime', nullable: true },
    returnId: { type: 'uuid', nullable: true },
  },
});
