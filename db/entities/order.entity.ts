import { Collection, Entity, EntityRepositoryType, Index, OneToMany, Property, Unique } from '@mikro-orm/core';
import type { Currency } from '../../domain/money';
import type { CancelReason, OrderStatus } from '../../domain/order-status';
import { OrderRepository } from '../repositories/order.repository';
import { BaseEntity } from './base.entity';
import type { OrderEvent } from './order-event.entity';
import type { OrderItem } from './order-item.entity';

/**
 * A consumer's order with one merchant. Amounts are integer minor units (fen); the goods
 * amount and the delivery fee are kept apart because they are shown apart (T/QGCML 3125
 * §5.4). The shipping address is personal data and stored only encrypted (§7.2).
 */
@Entity({ tableName: 'customer_order', repository: () => OrderRepository })
@Unique({ properties: ['consumerId', 'idempotencyKey'] })
@Index({ properties: ['merchantId', 'createdAt'] })
@Index({ properties: ['consumerId', 'createdAt'] })
@Index({ properties: ['processStartedAt', 'createdAt'] })
export class Order extends BaseEntity {
  declare [EntityRepositoryType]?: OrderRepository;

  @Property({ type: 'string', length: 32 }) status: OrderStatus = 'awaiting_confirmation';

  @Property({ type: 'string', length: 32, nullable: true }) cancelReason: CancelReason | null = null;

  /** The confirmation deadline from the service commitments in force at placement (§4.7). */
  @Property({ type: 'datetime', nullable: true }) confirmBy: Date | null = null;

  @Property({ type: 'integer', nullable: true }) commitmentVersion: number | null = null;

  /** The version of the terms of sale the consumer confirmed by placing it (§7.2.5; domain/terms.ts). */
  @Property({ type: 'string', length: 32, nullable: true }) termsVersion: string | null = null;

  /**
   * When the order's process first ran (its first activity): an order committed without one
   * (the API died between commit and start) is found by the unstarted-order sweep.
   */
  @Property({ type: 'datetime', nullable: true }) processStartedAt: Date | null = null;

  /** Stock is reserved in the transaction that creates the order, released on cancellation. */
  @Property({ type: 'boolean' }) stockReserved = true;

  @OneToMany<OrderItem, Order>({ entity: 'OrderItem', mappedBy: 'order', orderBy: { position: 'asc' } })
  items = new Collection<OrderItem>(this);

  @OneToMany<OrderEvent, Order>({ entity: 'OrderEvent', mappedBy: 'order', orderBy: { occurredAt: 'asc' } })
  events = new Collection<OrderEvent>(this);

  @Property({ type: 'string' }) consumerId!: string;

  @Property({ type: 'uuid' }) merchantId!: string;

  @Property({ type: 'integer' }) goodsAmount!: number;

  @Property({ type: 'integer' }) deliveryFee!: number;

  @Property({ type: 'string', length: 3 }) currency!: Currency;

  @Property({ type: 'text' }) shippingAddressCiphertext!: string;

  @Property({ type: 'string', length: 32 }) paymentMethod!: string;

  /** The payment provider's one-time token, not card data. */
  @Property({ type: 'string' }) paymentToken!: string;

  /** The client's Idempotency-Key, unique per consumer, with a hash of the request it came with. */
  @Property({ type: 'string' }) idempotencyKey!: string;

  @Property({ type: 'string', length: 64 }) requestHash!: string;

  /** Takes named fields: the columns without a default. */
  constructor(
    fields: Pick<
      Order,
      | 'consumerId'
      | 'merchantId'
      | 'goodsAmount'
      | 'deliveryFee'
      | 'currency'
      | 'shippingAddressCiphertext'
      | 'paymentMethod'
      | 'paymentToken'
      | 'idempotencyKey'
      | 'requestHash'
    >,
  ) {
    super();
    Object.assign(this, fields);
  }

  totalAmount(): number {
    return this.goodsAmount + this.deliveryFee;
  }
}
