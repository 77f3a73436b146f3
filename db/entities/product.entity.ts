import { Check, Entity, EntityRepositoryType, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { currencies, money, type Currency, type Money } from '../../domain/money';
import { ProductRepository } from '../repositories/product.repository';
import { BaseEntity } from './base.entity';
import { Merchant } from './merchant.entity';

/** T/QGCML 3125 §5.4: how the price came about, disclosed with it. */
export const pricingTypes = ['government_set', 'government_guided', 'market', 'negotiated', 'auction'] as const;
export type PricingType = (typeof pricingTypes)[number];

export const productStatuses = ['on_sale', 'off_sale'] as const;
export type ProductStatus = (typeof productStatuses)[number];

/**
 * Goods a merchant sells, with the price facts the platform discloses (T/QGCML 3125 §5.4:
 * name, origin, grade, specification, pricing type, price, and the delivery fee shown
 * apart from it). Amounts are integer minor units (fen) in `currency`, never floats.
 *
 * `stock` is what can still be ordered. Orders take from it with one conditional UPDATE
 * (ProductRepository.reserveStock) and a CHECK constraint keeps it ≥ 0 whatever runs
 * against the table, so concurrent orders can never oversell (§5.3).
 */
@Entity({ tableName: 'product', repository: () => ProductRepository })
@Unique({ name: 'product_merchant_sku_unique', properties: ['merchant', 'sku'] })
// The database's own guarantee, whatever code runs against the table (§5.3, §5.4).
@Check({ name: 'product_stock_non_negative', expression: 'stock >= 0' })
@Check({ name: 'product_price_non_negative', expression: 'price >= 0' })
@Check({ name: 'product_delivery_fee_non_negative', expression: 'delivery_fee >= 0' })
export class Product extends BaseEntity {
  declare [EntityRepositoryType]?: ProductRepository;

  @Enum({ items: () => productStatuses }) status: ProductStatus = 'on_sale';

  @Enum({ items: () => currencies }) currency: Currency = 'CNY';

  /** When the price or delivery fee last changed: prices are shown in real time (§5.4). */
  @Property({ type: 'datetime' }) priceUpdatedAt: Date = new Date();

  @ManyToOne({ entity: () => Merchant }) merchant!: Merchant;

  /** The merchant's own article number, unique within its shop. */
  @Property({ type: 'string', length: 64 }) sku!: string;

  @Property({ type: 'string', length: 200 }) name!: string;

  @Enum({ items: () => pricingTypes }) pricingType!: PricingType;

  /** Unit price in minor units of `currency`. */
  @Property({ type: 'integer' }) price!: number;

  /** Delivery fee per order line, in minor units of `currency`, shown apart from the price. */
  @Property({ type: 'integer' }) deliveryFee!: number;

  @Property({ type: 'string', length: 200 }) origin!: string;

  @Property({ type: 'string', length: 100 }) grade!: string;

  @Property({ type: 'string', length: 200 }) spec!: string;

  @Property({ type: 'integer' }) stock!: number;

  /** Takes named fields: the columns without a default. */
  constructor(
    fields: Pick<
      Product,
      'merchant' | 'sku' | 'name' | 'pricingType' | 'price' | 'deliveryFee' | 'origin' | 'grade' | 'spec' | 'stock'
    >,
  ) {
    super();
    Object.assign(this, fields);
  }

  priceMoney(): Money {
    return money(this.price, this.currency);
  }

  deliveryFeeMoney(): Money {
    return money(this.deliveryFee, this.currency);
  }

  /** Changes what the consumer pays, stamping when it changed (§5.4 real-time prices). */
  reprice(change: { price?: number; deliveryFee?: number }, at: Date): void {
    const changed =
      (change.price !== undefined && change.price !== this.price) ||
      (change.deliveryFee !== undefined && change.deliveryFee !== this.deliveryFee);
    if (change.price !== undefined) this.price = change.price;
    if (change.deliveryFee !== undefined) this.deliveryFee = change.deliveryFee;
    if (changed) this.priceUpdatedAt = at;
  }
}
