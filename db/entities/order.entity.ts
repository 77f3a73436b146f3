import { Collection, EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import type { Currency } from '../../domain/money';
import type { CancelReason, OrderStatus } from '../../domain/order-status';
import { OrderRepository } from '../repositories/order.repository';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import type { OrderEvent } from './order-event.entity';
import type { OrderItem } from './order-item.entity';

/**
 * A consumer's order with one merchant. Amounts are integer minor units (fen); the goods
 * amount and the delivery fee are kept apart because they are shown apart (T/QGCML 3125
 * §5.4). The shipping address is personal data and stored only encrypted (§7.2).
 */
export class Order extends BaseEntity {
  declare [EntityRepositoryType]?: OrderRepository;

  status: OrderStatus = 'awaiting_confirmation';
  cancelReason: CancelReason | null = null;
  /** The confirmation deadline from the service commitments in force at placement (§4.7). */
  confirmBy: Date | null = null;
  commitmentVersion: number | null = null;
  /** The version of the terms of sale the consumer confirmed by placing it (§7.2.5; domain/terms.ts). */
  termsVersion: string | null = null;
  /**
   * When the order's process first ran (its first activity): an order committed without one
   * (the API died between commit and start) is found by the unstarted-order sweep.
   */
  processStartedAt: Date | null = null;
  /** Stock is reserved in the transaction that creates the order, released on cancellation. */
  stockReserved = true;
  items = new Collection<OrderItem>(this);
  events = new Collection<OrderEvent>(this);

  constructor(
    public consumerId: string,
    public merchantId: string,
    public goodsAmount: number,
    public deliveryFee: number,
    public currency: Currency,
    public shippingAddressCiphertext: string,
    public paymentMethod: string,
    /** The payment provider's one-time token, not card data. */
    public paymentToken: string,
    /** The client's Idempotency-Key, unique per consumer, with a hash of the request it came with. */
    public idempotencyKey: string,
    public requestHash: string,
  ) {
    super();
  }

  totalAmount(): number {
    return this.goodsAmount + this.deliveryFee;
  }
}

export const OrderSchema = new EntitySchema<Order, BaseEntity>({
  class: Order,
  extends: BaseEntitySchema,
  tableName: 'customer_order',
  repository: () => OrderRepository,
  uniques: [{ properties: ['consumerId', 'idempotencyKey'] }],
  indexes: [
    { properties: ['merchantId', 'createdAt'] },
    { properties: ['consumerId', 'createdAt'] },
    { properties: ['processStartedAt', 'createdAt'] },
  ],
  properties: {
    consumerId: { type: 'string' },
    merchantId: { type: 'uuid' },
    status: { type: 'string', length: 32 },
    cancelReason: { type: 'string', length: 32, nullable: true },
    goodsAmount: { type: 'integer' },
    deliveryFee: { type: 'integer' },
    currency: { type: 'string', length: 3 },
    shippingAddressCiphertext: { type: 'text' },
    paymentMethod: { type: 'string', length: 32 },
    paymentToken: { type: 'string' },
    idempotencyKey: { type: 'string' },
    requestHash: { type: 'string', length: 64 },
    confirmBy: { type: 'datetime', nullable: true },
    termsVersion: { type: 'string', length: 32, nullable: true },
    processStartedAt: { type: 'datetime', nullable: true },
    commitmentVersion: { type: 'integer', nullable: true },
    stockReserved: { type: 'boolean' },
    items: { kind: '1:m', entity: 'OrderItem', mappedBy: 'order', orderBy: { position: 'asc' } },
    events: { kind: '1:m', entity: 'OrderEvent', mappedBy: 'order', orderBy: { occurredAt: 'asc' } },
  },
});
