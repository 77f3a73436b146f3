import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Account } from '../../db/entities/account.entity';
import { Carrier } from '../../db/entities/carrier.entity';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { Merchant } from '../../db/entities/merchant.entity';
import { Order } from '../../db/entities/order.entity';
import { OrderItem } from '../../db/entities/order-item.entity';
import type { FieldCipher } from '../../db/field-cipher';
import { daysFrom } from './time';

export interface DeliveryParties {
  merchant: Merchant;
  carrier: Carrier;
  otherCarrier: Carrier;
  consumer: Account;
}

/** A courier company's contract terms for tests and the chaos run: two days to take over, five to deliver. */
export const sampleCarrierContract = {
  calendar: '7x24' as const,
  handoverWithin: 'P2D',
  deliveryWithin: 'P5D',
  codRemittanceWithin: 'P5D',
  complaintResponseWithin: 'P1D',
};

/** A merchant, two carriers and a consumer, written straight through the ORM. */
export async function createDeliveryParties(orm: MikroORM, cipher: FieldCipher): Promise<DeliveryParties> {
  const em = orm.em.fork();
  const now = new Date();
  const merchant = new Merchant({
    name: 'Tea House',
    contactEmail: `shop-${randomUUID()}@example.test`,
    qualifications: [],
    filedAt: now,
    lastReviewedAt: now,
  });
  const carrier = new Carrier({
    name: 'Sandbox Express',
    contactEmail: `carrier-${randomUUID()}@example.test`,
    contractTerms: sampleCarrierContract,
  });
  const otherCarrier = new Carrier({
    name: 'Other Express',
    contactEmail: `other-${randomUUID()}@example.test`,
    contractTerms: sampleCarrierContract,
  });
  const consumer = Account.register(
    {
      email: `consumer-${randomUUID()}@example.test`,
      passwordHash: 'not-a-login',
      contact: { name: '李雷', phone: '+8613800000000', address: '上海市浦东新区世纪大道 1 号' },
    },
    cipher,
  );
  em.persist([merchant, carrier, otherCarrier, consumer]);
  await em.flush();
  return { merchant, carrier, otherCarrier, consumer };
}

/**
 * A confirmed order written through the ORM (the order flow itself is another test's
 * subject): two lines, 2 × tea and 1 × cups, with an encrypted shipping address.
 */
export async function createConfirmedOrder(orm: MikroORM, cipher: FieldCipher, parties: DeliveryParties) {
  const em = orm.em.fork();
  const order = new Order({
    consumerId: parties.consumer.id,
    merchantId: parties.merchant.id,
    goodsAmount: 2 * 26800 + 9900,
    deliveryFee: 1000,
    currency: 'CNY',
    shippingAddressCiphertext: '',
    paymentMethod: 'card',
    paymentToken: 'tok_visa',
    idempotencyKey: `test-${randomUUID()}`,
    requestHash: 'x'.repeat(64),
  });
  order.shippingAddressCiphertext = cipher.encrypt(
    JSON.stringify({ name: '李雷', phone: '+8613800000000', address: '上海市浦东新区世纪大道 1 号' }),
    `order:${order.id}:shippingAddress`,
  );
  order.status = 'confirmed';
  const tea = new OrderItem({
    order,
    position: 0,
    productId: randomUUID(),
    sku: 'TEA-250',
    name: 'Longjing 250g',
    unitPrice: 26800,
    quantity: 2,
  });
  const cups = new OrderItem({
    order,
    position: 1,
    productId: randomUUID(),
    sku: 'CUP-2',
    name: 'Tea cups',
    unitPrice: 9900,
    quantity: 1,
  });
  em.persist([order, tea, cups]);
  await em.flush();
  /** The slip's packages when everything goes in one parcel: each item in its ordered quantity. */
  const onePackage = [{ items: [tea, cups].map(({ productId, quantity }) => ({ productId, quantity })) }];
  return { order, tea, cups, onePackage };
}

/**
 * The handover slip of an order made by createConfirmedOrder (3 items, ¥635.00), naming
 * the parties' carrier, unsigned: what a delivery complaint or a return needs to exist.
 */
export function handoverSlipOf(order: Order, parties: DeliveryParties): HandoverSlip {
  const { merchant, carrier } = parties;
  return new HandoverSlip({
    orderId: order.id,
    merchantId: merchant.id,
    carrierId: carrier.id,
    packages: [],
    itemCount: 3,
    goodsValue: 63_500,
    declaredValue: 63_500,
    currency: 'CNY',
    codAmount: null,
    recipientCiphertext: 'x',
    provider: 'sandbox',
  });
}

/**
 * An order made by createConfirmedOrder, handed to the parties' carrier a day before
 * `deliveredAt` and delivered then: what a return, or a complaint's return, starts from.
 */
export async function createDeliveredOrder(
  orm: MikroORM,
  cipher: FieldCipher,
  parties: DeliveryParties,
  deliveredAt = new Date(),
) {
  const confirmed = await createConfirmedOrder(orm, cipher, parties);
  const em = orm.em.fork();
  const slip = handoverSlipOf(confirmed.order, parties);
  slip.handedOverAt = daysFrom(deliveredAt, -1);
  slip.deliveredAt = deliveredAt;
  em.persist(slip);
  await em.flush();
  await em.nativeUpdate(Order, { id: confirmed.order.id }, { status: 'delivered' });
  return confirmed;
}
