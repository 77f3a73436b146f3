import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../domain/principal';
import { openShop, placeOneItemOrder, signUpConsumer, staff } from '../../helpers/order-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

interface ListedOrder {
  id: string;
  merchantId: string;
  items: { productId: string; quantity: number }[];
}

// GET /orders for each role that may list orders (issue 10, defect 2: it answered 500 for
// every role): each sees only what it may (T/QGCML 3125 §8.3.2), every order with its lines.
describe('GET /orders: each caller lists what it may see, newest first', () => {
  let stack: TestStack;
  let shopA: Awaited<ReturnType<typeof openShop>>;
  let shopB: Awaited<ReturnType<typeof openShop>>;
  let alice: Principal;
  let bob: Principal;
  const placed: Record<string, string[]> = { alice: [], bob: [] };

  const list = async (who: Principal, query = '') => {
    const response = await stack.app.inject({
      method: 'GET',
      url: `/orders${query}`,
      headers: bearer(stack.config, who),
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: ListedOrder[]; total: number };
  };

  beforeAll(async () => {
    // No worker: listing reads PostgreSQL only; the placed orders just wait for one.
    stack = await startTestStack({ workers: [] });
    shopA = await openShop(stack, { price: 1200, deliveryFee: 500, stock: 100 });
    shopB = await openShop(stack, { price: 990, deliveryFee: 0, stock: 100 });
    alice = (await signUpConsumer(stack)).principal;
    bob = (await signUpConsumer(stack)).principal;
    for (const productId of [shopA.productId, shopB.productId])
      placed.alice!.push((await placeOneItemOrder(stack, alice, productId)).id);
    placed.bob!.push((await placeOneItemOrder(stack, bob, shopA.productId)).id);
  });
  afterAll(async () => stack?.close());

  it('shows a consumer only their own orders, newest first, each with its lines', async () => {
    const mine = await list(alice);

    expect(mine.total).toBe(2);
    expect(mine.items.map((order) => order.id)).toEqual([...placed.alice!].reverse());
    expect(mine.items[0]!.items).toEqual([expect.objectContaining({ productId: shopB.productId, quantity: 1 })]);
    expect((await list(bob)).items.map((order) => order.id)).toEqual(placed.bob);
  });

  it("shows a merchant only its own shop's orders, whoever placed them", async () => {
    const ofShopA = await list(shopA.owner);

    expect(ofShopA.total).toBe(2);
    expect(new Set(ofShopA.items.map((order) => order.id))).toEqual(new Set([placed.alice![0], placed.bob![0]]));
    expect(ofShopA.items.every((order) => order.merchantId === shopA.merchantId)).toBe(true);
    expect((await list(shopB.owner)).items.map((order) => order.id)).toEqual([placed.alice![1]]);
  });

  it('shows staff every order, and pages through them', async () => {
    const all = await list(staff, '?limit=100');
    const ids = all.items.map((order) => order.id);

    expect(ids).toEqual(expect.arrayContaining([...placed.alice!, ...placed.bob!]));
    // Other test files share this database and place orders of other sizes: only ours are known.
    const ours = all.items.filter((order) => [...placed.alice!, ...placed.bob!].includes(order.id));
    expect(ours.map((order) => order.items.length)).toEqual([1, 1, 1]);
    const firstPage = await list(staff, '?limit=1');
    const secondPage = await list(staff, '?limit=1&offset=1');
    expect(firstPage.total).toBe(all.total);
    expect([firstPage.items[0]!.id, secondPage.items[0]!.id]).toEqual(ids.slice(0, 2));
  });

  it('shows a new consumer an empty list, and refuses a courier (403)', async () => {
    expect(await list({ sub: randomUUID(), role: 'consumer' })).toEqual({ items: [], total: 0 });
    const courier: Principal = { sub: randomUUID(), role: 'courier', carrierId: randomUUID() };
    const refused = await stack.app.inject({ method: 'GET', url: '/orders', headers: bearer(stack.config, courier) });
    expect(refused.statusCode).toBe(403);
  });
});
