import { CheckConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import { Merchant } from '../../../db/entities/merchant.entity';
import { Product } from '../../../db/entities/product.entity';
import { chinaDate } from '../../../domain/china-time';
import type { Qualification } from '../../../domain/qualifications';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { DAY } from '../../helpers/time';

const documents = (validUntil: string): Qualification[] => [
  { type: 'business_licence', number: '91310000MA1FL2XQ3K', issuer: 'SAMR Shanghai', validUntil },
  { type: 'tax_registration', number: '310101123456789', issuer: 'STA Shanghai', validUntil },
];

async function shopWithProduct(orm: MikroORM, name: string, stock: number, validUntil: string) {
  const em = orm.em.fork();
  const merchant = new Merchant({
    name,
    contactEmail: 'orders@shop.example',
    qualifications: documents(validUntil),
    filedAt: new Date(),
    lastReviewedAt: new Date(),
  });
  const product = new Product({
    merchant,
    sku: 'LAST-ONES',
    name: 'Last ones',
    pricingType: 'market',
    price: 990,
    deliveryFee: 500,
    origin: 'Shanghai',
    grade: 'A',
    spec: '1 pc',
    stock,
  });
  await em.persist([merchant, product]).flush();
  return { merchant, product };
}

// The catalog's repository contract for orders: stock is taken atomically and can never go
// below zero (T/QGCML 3125 §5.3 quantities match; no overselling), and merchants whose
// documents lapse soon are listed for re-review (§4.4).
describe('catalog repositories: stock reservation and re-review', () => {
  let stack: TestStack;
  const inDays = (days: number) => chinaDate(new Date(Date.now() + days * DAY));
  const stockOf = async (id: string) => (await stack.orm.em.fork().findOneOrFail(Product, { id })).stock;

  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
  });
  afterAll(async () => stack?.close());

  it('lets exactly as many concurrent reservations succeed as there is stock, never more', async () => {
    const { product } = await shopWithProduct(stack.orm, 'Rush Shop', 3, inDays(700));

    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => stack.orm.em.fork().getRepository(Product).reserveStock(product.id, 1)),
    );

    expect(outcomes.filter(Boolean)).toHaveLength(3);
    expect(await stockOf(product.id)).toBe(0);
  });

  it('refuses a reservation larger than the stock and leaves the stock as it was', async () => {
    const { product } = await shopWithProduct(stack.orm, 'Small Shop', 2, inDays(700));
    const products = stack.orm.em.fork().getRepository(Product);

    expect(await products.reserveStock(product.id, 3)).toBe(false);
    expect(await products.reserveStock(product.id, 2)).toBe(true);
    await products.releaseStock(product.id, 2);
    expect(await stockOf(product.id)).toBe(2);
  });

  it('has the database itself refuse negative stock, whatever code writes it (CHECK constraint)', async () => {
    const { product } = await shopWithProduct(stack.orm, 'Raw Shop', 1, inDays(700));

    await expect(stack.orm.em.fork().nativeUpdate(Product, { id: product.id }, { stock: -1 })).rejects.toThrow(
      CheckConstraintViolationException,
    );
    expect(await stockOf(product.id)).toBe(1);
  });

  it('finds the products an order names, with their merchants, once each', async () => {
    const { merchant, product } = await shopWithProduct(stack.orm, 'Order Shop', 5, inDays(700));

    const found = await stack.orm.em.fork().getRepository(Product).findForOrder([product.id, product.id]);

    expect(found.map((p) => [p.id, p.merchant.name, p.price, p.deliveryFee, p.stock])).toEqual([
      [product.id, merchant.name, 990, 500, 5],
    ]);
  });

  it('lists merchants whose documents lapse within the horizon for re-review (§4.4)', async () => {
    const { merchant: soon } = await shopWithProduct(stack.orm, 'Review Soon', 1, inDays(10));
    const { merchant: later } = await shopWithProduct(stack.orm, 'Review Later', 1, inDays(400));

    const due = await stack.orm.em.fork().getRepository(Merchant).listDueForReview(new Date(), 30);

    expect(due.map((m) => m.id)).toContain(soon.id);
    expect(due.map((m) => m.id)).not.toContain(later.id);
  });
});
