import { Merchant } from '../../../db/entities/merchant.entity';
import { Product } from '../../../db/entities/product.entity';
import { eventually } from '../../helpers/eventually';
import { useReturnsStack } from '../../helpers/returns-stack';

// An exchange whose product is out of stock ends in a refund (T/QGCML 3125 §6.4; §4.8,
// §5.7 exchange as a remedy; §7.1.2): the goods come back exactly as for a return, then
// the replacement cannot be reserved, the consumer is told why, and the accepted value is
// refunded once, visible in the sandbox ledger and the order's payment record.
describe('returns: exchanges, replaced or refunded', () => {
  const ctx = useReturnsStack('returns_exchange');
  const inject = ctx.inject;

  /** The order's tea in the catalog with `stock` left (the order fixture's products are not listed). */
  async function teaInCatalog(productId: string, stock: number) {
    const em = ctx.stack.orm.em.fork();
    const merchant = em.getReference(Merchant, ctx.parties.merchant.id);
    const sku = `TEA-${productId.slice(0, 8)}`;
    const product = new Product({
      merchant,
      sku,
      name: 'Longjing 250g',
      pricingType: 'market',
      price: 26800,
      deliveryFee: 1000,
      origin: 'Hangzhou',
      grade: 'A',
      spec: '250 g',
      stock,
    });
    product.id = productId;
    await em.persist(product).flush();
  }
  const stockOf = async (productId: string) =>
    (await ctx.stack.orm.em.fork().findOneOrFail(Product, { id: productId })).stock;

  /** Asks for an exchange, and sends the goods back exactly as for a return: approve, ship, both sign. */
  async function exchangeSentBack(orderId: string, productId: string, quantity: number) {
    const asked = await inject('POST', `/orders/${orderId}/returns`, ctx.consumer(), {
      type: 'exchange',
      reason: 'damaged',
      items: [{ productId, quantity }],
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ type: 'exchange', status: 'requested' });
    const returnId = asked.json().id as string;
    await inject('POST', `/returns/${returnId}/approve`, ctx.merchant(), { returnAddress: 'Tea House, Shanghai' });
    const { shipment } = await ctx.returnOnce(returnId, (view) => expect(view.shipment).not.toBeNull());
    await ctx.carrierAdmin(`/admin/shipments/${(shipment as { shipmentId: string }).shipmentId}/events`, {
      type: 'picked_up',
    });
    await inject('POST', `/returns/${returnId}/slip/sign`, ctx.courier(), { custodianName: 'Li Si' });
    await inject('POST', `/returns/${returnId}/slip/sign`, ctx.merchant(), { custodianName: 'Zhang San' });
    await ctx.returnOnce(returnId, (view) => expect(view.status).toBe('received'));
    return returnId;
  }

  it('ends in one refund of the accepted value, and the consumer is told why (§6.4, §7.1.2)', async () => {
    const { order, tea } = await ctx.deliveredOrder();
    const consumer = ctx.consumer();
    // The catalog has the tea, but none is left to send as a replacement.
    await teaInCatalog(tea.productId, 0);
    const returnId = await exchangeSentBack(order.id, tea.productId, 2);
    // One of the two is accepted; damaged, it does not go back into stock.
    const inspected = await inject('POST', `/returns/${returnId}/inspection`, ctx.merchant(), {
      lines: [{ productId: tea.productId, received: 2, accepted: 1, condition: 'damaged' }],
    });
    expect(inspected.statusCode).toBe(200);

    const refunded = await ctx.returnOnce(returnId, (view) => expect(view.status).toBe('refunded'));
    expect(refunded.replacement).toEqual({ handoverId: null, outcome: 'out_of_stock' });
    // The accepted value (1 × ¥268.00) plus the delivery fee, the merchant's fault (damaged).
    expect(refunded.refund).toMatchObject({ goods: 26800, deliveryFee: 1000, total: 27800 });
    expect(await ctx.processOf(returnId).result()).toEqual({ returnId, status: 'refunded', refundAmount: 27800 });
    expect(await ctx.stack.paymentSandbox.ledger(order.id)).toMatchObject({ refunds: 1, refundedAmount: 27800 });
    const record = (await inject('GET', `/orders/${order.id}/payments`, consumer)).json();
    expect(record.items.filter((p: { operation: string }) => p.operation === 'refund')).toEqual([
      expect.objectContaining({ amount: 27800, status: 'succeeded' }),
    ]);
    const told = ctx.stack.smtp.received.filter((mail) => mail.parsed.subject?.includes('Exchange refunded instead'));
    expect(told).toHaveLength(1);
    expect(told[0]?.parsed.text).toContain('the product is out of stock');
    // Nothing was taken from the stock for a replacement that never shipped.
    expect(await stockOf(tea.productId)).toBe(0);
  });

  it('in stock → the replacement is reserved, handed over on a new slip signed by both, delivered: exchanged, no refund', async () => {
    const { order, tea } = await ctx.deliveredOrder();
    await teaInCatalog(tea.productId, 5);
    const returnId = await exchangeSentBack(order.id, tea.productId, 1);
    await inject('POST', `/returns/${returnId}/inspection`, ctx.merchant(), {
      lines: [{ productId: tea.productId, received: 1, accepted: 1, condition: 'damaged' }],
    });
    const shipping = await ctx.returnOnce(returnId, (view) =>
      expect(view.replacement).toEqual({ handoverId: `handover:return:${returnId}`, outcome: 'shipping' }),
    );
    expect(shipping.status).toBe('received');
    // Reserved in one transaction: the replacement left the stock.
    expect(await stockOf(tea.productId)).toBe(4);

    const draft = (payload: object) =>
      inject('POST', `/returns/${returnId}/replacement-handover`, ctx.merchant(), {
        carrierId: ctx.parties.carrier.id,
        ...payload,
      });
    const tooMany = await draft({ packages: [{ items: [{ productId: tea.productId, quantity: 2 }] }] });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors[0].field).toBe('packages.0.items.0.quantity');
    const drafted = await draft({ packages: [{ items: [{ productId: tea.productId, quantity: 1 }] }] });
    expect(drafted.statusCode).toBe(201);
    expect((await draft({ packages: [{ items: [{ productId: tea.productId, quantity: 1 }] }] })).statusCode).toBe(409);
    const slipId = drafted.json().id as string;
    for (const [who, name] of [
      [ctx.merchant(), 'Zhang San'],
      [ctx.courier(), 'Li Si'],
    ] as const) {
      const signed = await inject('POST', `/handovers/${slipId}/sign`, who, {
        custodianName: name,
        goodsAndPackagingConfirmed: true,
      });
      expect(signed.statusCode).toBe(200);
    }
    const shipmentId = await eventually(async () => {
      const slip = (await inject('GET', `/handovers/${slipId}`, ctx.merchant())).json();
      expect(slip.shipmentId).toEqual(expect.any(String));
      return slip.shipmentId as string;
    });
    await ctx.carrierAdmin(`/admin/shipments/${shipmentId}/events`, { type: 'delivered' });

    const exchanged = await ctx.returnOnce(returnId, (view) => expect(view.status).toBe('exchanged'));
    expect(exchanged.replacement).toEqual({ handoverId: `handover:return:${returnId}`, outcome: 'delivered' });
    expect(exchanged.refund).toBeNull();
    expect(await ctx.processOf(returnId).result()).toEqual({ returnId, status: 'exchanged' });
    expect(await ctx.stack.paymentSandbox.ledger(order.id)).toMatchObject({ refunds: 0 });
    // The order's own delivery is untouched; its timeline shows the replacement's steps apart.
    const read = (await inject('GET', `/orders/${order.id}`, ctx.consumer())).json();
    expect(read.status).toBe('completed');
    expect(read.timeline.map((step: { type: string }) => step.type)).toEqual(
      expect.arrayContaining([
        'return_replacement_reserved',
        'replacement_handed_over',
        'replacement_delivered',
        'return_exchanged',
      ]),
    );
  });
});
