import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import { Product } from '../../../db/entities/product.entity';
import type { Principal } from '../../../domain/principal';
import { inYears } from '../../helpers/order-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer, samplePrincipals } from '../../helpers/tokens';

const LICENCE = '91310000MA1FL2XQ3K';
const qualifications = (validUntil: string) => [
  { type: 'business_licence', number: LICENCE, issuer: '上海市市场监督管理局', validUntil },
  { type: 'tax_registration', number: '310101123456789', issuer: '国家税务总局上海市税务局', validUntil: inYears(3) },
];
const rice = {
  sku: 'RICE-5KG',
  name: '五常大米 Wuchang rice',
  pricingType: 'market',
  price: 6990,
  deliveryFee: 1000,
  origin: '黑龙江五常',
  grade: '一级',
  spec: '5 kg bag',
  stock: 12,
};

// Merchants, carriers and products through HTTP on the real stack (T/QGCML 3125 §4.4 qualifications
// reviewed and filed, §4.5 disclosed, §5.4 price facts and the delivery fee shown separately).
describe('catalog: merchants, carriers and products', () => {
  let stack: TestStack;
  let shopId: string;
  let otherShopId: string;
  const staff: Principal = samplePrincipals.staff;
  const owner = (merchantId: string): Principal => ({ sub: merchantId, role: 'merchant', merchantId });
  const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, who?: Principal, payload?: object) =>
    stack.app.inject({ method, url, payload, headers: who ? bearer(stack.config, who) : {} });
  const fileMerchant = async (name: string, validUntil = inYears(2)) => {
    const response = await inject('POST', '/merchants', staff, {
      name,
      contactEmail: `orders@${name.toLowerCase().replace(/\W/g, '')}.example`,
      qualifications: qualifications(validUntil),
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const productsOf = (merchantId: string) => stack.orm.em.fork().count(Product, { merchant: merchantId });

  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
    shopId = await fileMerchant('Green Fields');
    otherShopId = await fileMerchant('Shanhai Tea');
  });
  afterAll(async () => stack?.close());

  it('staff file a merchant with its qualifications (§4.4) and the filing is audited (§8.3.5)', async () => {
    const response = await inject('POST', '/merchants', staff, {
      name: 'Filed Farm',
      contactEmail: 'orders@filed.example',
      qualifications: qualifications(inYears(2)),
    });

    expect(response.statusCode).toBe(201);
    const filed = response.json();
    expect(filed).toMatchObject({ contactEmail: 'orders@filed.example', qualificationsValid: true, status: 'active' });
    expect(filed.qualifications[0].number).toBe(LICENCE);
    const events = await stack.orm.em.fork().find(AuditEvent, { entity: 'merchant', entityId: filed.id });
    expect(events.map((e) => [e.action, e.actorSub])).toEqual([['merchant.create', samplePrincipals.staff.sub]]);
  });

  it('only staff file merchants: a merchant token gets 403, no token 401', async () => {
    const body = { name: 'Sneaky', contactEmail: 'a@b.example', qualifications: qualifications(inYears(1)) };
    expect((await inject('POST', '/merchants', owner(shopId), body)).statusCode).toBe(403);
    expect((await inject('POST', '/merchants', undefined, body)).statusCode).toBe(401);
  });

  it('discloses qualifications publicly with the licence number masked and no contact email (§4.5)', async () => {
    const response = await inject('GET', `/merchants/${shopId}`);

    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.contactEmail).toBeUndefined();
    expect(view.status).toBeUndefined();
    const licence = view.qualifications.find((q: { type: string }) => q.type === 'business_licence');
    expect(licence).toMatchObject({ issuer: '上海市市场监督管理局', validNow: true, number: '**************XQ3K' });
    expect(response.body).not.toContain(LICENCE);
  });

  it('shows staff and the merchant itself the filing record, another merchant only the public view', async () => {
    const forStaff = (await inject('GET', `/merchants/${shopId}`, staff)).json();
    expect(forStaff).toMatchObject({ contactEmail: 'orders@greenfields.example', status: 'active' });
    const own = (await inject('GET', `/merchants/${shopId}`, owner(shopId))).json();
    const foreign = (await inject('GET', `/merchants/${shopId}`, owner(otherShopId))).json();

    expect(own).toMatchObject({ contactEmail: 'orders@greenfields.example', status: 'active' });
    expect(own.qualifications[0].number).toBe(LICENCE);
    expect(foreign.contactEmail).toBeUndefined();
  });

  it('staff register a carrier with contract terms; its couriers read it, other couriers get 404', async () => {
    const contractTerms = {
      calendar: '5x8',
      handoverWithin: 'PT16H',
      deliveryWithin: 'PT40H',
      codRemittanceWithin: 'PT40H',
      complaintResponseWithin: 'PT8H',
    };
    const created = await inject('POST', '/carriers', staff, {
      name: 'Shunda',
      contactEmail: 'ops@shunda.example',
      contractTerms,
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();

    const mine = await inject('GET', `/carriers/${id}`, { sub: randomUUID(), role: 'courier', carrierId: id });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().contractTerms).toEqual(contractTerms);
    const other = { sub: randomUUID(), role: 'courier', carrierId: randomUUID() } as const;
    expect((await inject('GET', `/carriers/${id}`, other)).statusCode).toBe(404);
    const bad = await inject('POST', '/carriers', staff, {
      name: 'X',
      contactEmail: 'x@y.example',
      contractTerms: { ...contractTerms, deliveryWithin: 'P1M' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.contractTerms.deliveryWithin']);
  });

  it('a merchant lists a product in its own shop (201) with the price facts of §5.4', async () => {
    const response = await inject('POST', `/merchants/${shopId}/products`, owner(shopId), rice);

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      sku: 'RICE-5KG',
      merchant: { id: shopId, name: 'Green Fields' },
      pricingType: 'market',
      price: { amount: 6990, currency: 'CNY' },
      deliveryFee: { amount: 1000, currency: 'CNY' },
      display: { price: '¥69.90', deliveryFee: '¥10.00' },
      stock: 12,
      inStock: true,
    });
  });

  it('gives 404 for another merchant’s shop and writes nothing there', async () => {
    const response = await inject('POST', `/merchants/${otherShopId}/products`, owner(shopId), { ...rice, sku: 'X-1' });

    expect(response.statusCode).toBe(404);
    expect(await productsOf(otherShopId)).toBe(0);
  });

  it('refuses a second product with the same sku in the shop (409), also when both arrive at once', async () => {
    const post = () => inject('POST', `/merchants/${shopId}/products`, owner(shopId), { ...rice, sku: 'DUP-1' });
    const racing = await Promise.all([post(), post()]);
    const again = await post();

    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('DUP-1');
  });

  it('a merchant whose licence has expired cannot list products: 422 naming qualifications (§4.4)', async () => {
    const lapsed = await fileMerchant('Lapsed Farm', '2020-12-31');
    const response = await inject('POST', `/merchants/${lapsed}/products`, owner(lapsed), rice);

    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'qualifications' })]);
    expect(response.json().detail).toContain('business_licence expired on 2020-12-31');
    expect(await productsOf(lapsed)).toBe(0);
  });

  it.each([
    ['a negative price', { price: -1 }, 'body.price'],
    ['a price in yuan with a decimal (12.5)', { price: 12.5 }, 'body.price'],
    ['an unknown pricing type', { pricingType: 'haggled' }, 'body.pricingType'],
    ['no sku', { sku: undefined }, 'body.sku'],
    ['negative stock', { stock: -3 }, 'body.stock'],
  ])('answers 400 naming the field for %s, and writes nothing', async (_what, change, field) => {
    const before = await productsOf(shopId);
    const response = await inject('POST', `/merchants/${shopId}/products`, owner(shopId), {
      ...rice,
      sku: 'BAD-1',
      ...change,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await productsOf(shopId)).toBe(before);
  });

  it('GET /products is public and shows goods price and delivery fee separately, filtered and paged', async () => {
    await inject('POST', `/merchants/${shopId}/products`, owner(shopId), {
      ...rice,
      sku: 'EGG-30',
      name: '鸡蛋 Eggs 100%_fresh',
      price: 3980,
      deliveryFee: 800,
    });
    const page = await inject('GET', `/products?merchantId=${shopId}&q=${encodeURIComponent('100%_fresh')}`);

    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body).toMatchObject({ total: 1, limit: 20, offset: 0 });
    expect(body.items[0]).toMatchObject({ sku: 'EGG-30', price: { amount: 3980 }, deliveryFee: { amount: 800 } });
    const paged = (await inject('GET', `/products?merchantId=${shopId}&limit=1&offset=1`)).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(3);
    expect((await inject('GET', '/products?limit=0')).statusCode).toBe(400);
  });

  it('a new price shows at once on GET /products/:id (§5.4); another merchant cannot change it (404)', async () => {
    const created = (
      await inject('POST', `/merchants/${shopId}/products`, owner(shopId), { ...rice, sku: 'TEA-1' })
    ).json();
    const foreign = await inject('PATCH', `/products/${created.id}`, owner(otherShopId), { price: 1 });
    expect(foreign.statusCode).toBe(404);

    const changed = await inject('PATCH', `/products/${created.id}`, owner(shopId), { price: 7590, stock: 0 });
    expect(changed.statusCode).toBe(200);
    const shown = (await inject('GET', `/products/${created.id}`)).json();
    expect(shown).toMatchObject({ price: { amount: 7590 }, display: { price: '¥75.90' }, stock: 0, inStock: false });
    expect(Date.parse(shown.priceUpdatedAt)).toBeGreaterThan(Date.parse(created.priceUpdatedAt));
    const audit = await stack.orm.em.fork().find(AuditEvent, { entity: 'product', entityId: created.id });
    expect(audit.map((e) => e.action)).toEqual(['product.create', 'product.update']);
  });
});
