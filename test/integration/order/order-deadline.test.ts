import { SlaBreach } from '../../../db/entities/sla-breach.entity';
import { eventually } from '../../helpers/eventually';
import { openShop, placeOneItemOrder, signUpConsumer, staff } from '../../helpers/order-fixtures';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

// T/QGCML 3125 §4.7: an order the merchant does not confirm in time is cancelled and the
// merchant's breach recorded. The commitments are set to 7x24 and seconds, so the real
// deadline passes during the test; the 5x8 working-day arithmetic has its own
// time-skipping tests. A private database keeps this commitment change from other files.
describe('orders: the confirmation deadline on the real stack', () => {
  let database: PrivateDatabase;
  let stack: TestStack;

  beforeAll(async () => {
    database = await createPrivateDatabase('order_deadline');
    stack = await startTestStack({ workers: ['commerce'], config: { DATABASE_URL: database.url } });
  });
  afterAll(async () => {
    await stack?.close();
    await database?.drop();
  });

  it('cancels an unconfirmed order as confirmation_overdue after reminding the merchant, and records the breach', async () => {
    const current = (await stack.app.inject({ method: 'GET', url: '/service-commitments' })).json();
    const changed = await stack.app.inject({
      method: 'PUT',
      url: '/service-commitments',
      headers: bearer(stack.config, staff),
      payload: { ...current.commitments, calendar: '7x24', orderConfirmation: 'PT4S', reason: 'deadline test' },
    });
    expect(changed.statusCode).toBe(200);
    const shop = await openShop(stack, { price: 500, deliveryFee: 0, stock: 5 });
    const { principal } = await signUpConsumer(stack);

    const order = await placeOneItemOrder(stack, principal, shop.productId);
    expect(Date.parse(order.confirmBy) - Date.parse(order.placedAt)).toBe(4_000);

    const view = await eventually(async () => {
      const current = (
        await stack.app.inject({ method: 'GET', url: `/orders/${order.id}`, headers: bearer(stack.config, principal) })
      ).json();
      expect(current.status).toBe('cancelled');
      return current;
    }, 30_000);

    expect(view.cancelReason).toBe('confirmation_overdue');
    const breaches = await stack.orm.em.fork().find(SlaBreach, { subjectId: order.id });
    expect(breaches.map((b) => [b.party, b.partyId, b.obligation])).toEqual([
      ['merchant', shop.merchantId, 'order_confirmation'],
    ]);
    const toMerchant = stack.smtp.received.filter((mail) => mail.envelopeTo.includes(shop.contactEmail));
    expect(toMerchant).toHaveLength(2); // the new order, then the reminder
    expect((await stack.paymentSandbox.ledger(order.id))?.authorizations.authorized).toBe(0);
  });
});
