import { EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import { currencies, money, type Currency, type Money } from '../../domain/money';
import { ProductRepository } from '../repositories/product.repository';
import { BaseEntity, BaseEntitySchema } from './base.entity';
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
export class Product extends BaseEntity {
  declare [EntityRepositoryType]?: ProductRepository;

  status: ProductStatus = 'on_sale';
  currency: Currency = 'CNY';
  /** When the price or delivery fee last changed: prices are shown in real time (§5.4). */
  priceUpdatedAt: Date = new Date();

  constructor(
    public merchant: Merchant,
    /** The merchant's own article number, unique within its shop. */
    public sku: string,
    public name: string,
    public pricingType: PricingType,
    /** Unit price in minor units of `currency`. */
    public price: number,
    /** Delivery fee per order line, in minor units of `currency`, shown apart from the price. */
    public deliveryFee: number,
    public origin: string,
    public grade: string,
    public spec: string,
    public stock: number,
  ) {
    super();
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

export const ProductSchema = new EntitySchema<Product, BaseEntity>({
  class: Product,
  extends: BaseEntitySchema,
  tableName: 'product',
  repository: () => ProductRepository,
  properties: {
    merchant: { kind: 'm:1', entity: () => Merchant },
    sku: { type: 'string', length: 64 },
    name: { type: 'string', length: 200 },
    pricingType: { enum: true, items: () => pricingTypes },
    price: { type: 'integer' },
    currency: { enum: true, items: () => currencies },
    deliveryFee: { type: 'integer' },
    priceUpdatedAt: { type: 'datetime' },
    origin: { type: 'string', length: 200 },
    grade: { type: 'string', length: 100 },
    spec: { type: 'string', length: 200 },
    stock: { type: 'integer' },
    status: { enum: true, items: () => productStatuses },
  },
  uniques: [{ name: 'product_merchant_sku_unique', properties: ['merchant', 'sku'] }],
  // The database's own guarantee, whatever code runs against the table (§5.3, §5.4).
  checks: [
    { name: 'product_stock_non_negative', expression: 'stock >= 0' },
    { name: 'product_price_non_negative', expression: 'price >= 0' },
    { name: 'product_delivery_fee_non_negative', expression: 'delivery_fee >= 0' },
  ],
});
