// The benchmark's shop: one qualified merchant with 1,000 products in ample stock, 1,000
// consumer accounts (the storefront calls with each shopper's own token), and the bare
// baseline's two tables holding the same products.
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { hs256Signer } from '../../api/auth/tokens';
import type { Config } from '../../config/env';
import { Account } from '../../db/entities/account.entity';
import { Merchant } from '../../db/entities/merchant.entity';
import { Product } from '../../db/entities/product.entity';
import { FieldCipher } from '../../db/field-cipher';
import { chinaDate } from '../../domain/china-time';
import { newIdempotencyKey, postJson } from './bench-load';

export const PRODUCT_COUNT = 1_000;
const CONSUMER_COUNT = 1_000;
const STOCK_EACH = 10_000_000;

export interface BenchShop {
  merchantId: string;
  productIds: string[];
  consumerIds: string[];
  consumerTokens: string[];
  /** Merchant users of the shop (one per e2e connection: each has its own rate-limit bucket). */
  merchantTokens: string[];
}

export async function seedBenchShop(orm: MikroORM, config: Config): Promise<BenchShop> {
  const em = orm.em.fork();
  const now = new Date();
  const validUntil = chinaDate(new Date(now.getTime() + 2 * 365 * 86_400_000));
  const suffix = randomUUID().slice(0, 8);
  const merchant = new Merchant({
    name: `Bench shop ${suffix}`,
    contactEmail: `bench-${suffix}@shop.example`,
    qualifications: [
      { type: 'business_licence', number: `9131${suffix}`, issuer: '上海市市场监督管理局', validUntil },
      { type: 'tax_registration', number: `3101${suffix}`, issuer: '国家税务总局上海市税务局', validUntil },
    ],
    filedAt: now,
    lastReviewedAt: now,
  });
  const products = Array.from(
    { length: PRODUCT_COUNT },
    (_, i) =>
      new Product({
        merchant,
        sku: `B-${suffix}-${i}`,
        name: `Bench tea ${i}`,
        pricingType: 'market',
        price: 1200,
        deliveryFee: 500,
        origin: '杭州',
        grade: 'A',
        spec: '250 g',
        stock: STOCK_EACH,
      }),
  );
  const cipher = FieldCipher.fromConfig(config);
  const accounts = Array.from({ length: CONSUMER_COUNT }, (_, i) =>
    Account.register(
      {
        email: `bench-${suffix}-${i}@example.cn`,
        // Nobody logs in: the benchmark mints its consumers' tokens (as `npm run token` does).
        passwordHash: 'bench-account-without-login',
        contact: { name: '李四', phone: '13800138000', address: null },
      },
      cipher,
    ),
  );
  em.persist([merchant, ...products, ...accounts]);
  await em.flush();

  const knex = em.getConnection().getKnex();
  await knex.raw('create schema if not exists bench');
  await knex.raw(
    'create table if not exists bench.bare_order (id uuid primary key, product_id uuid not null, created_at timestamptz not null default now())',
  );
  await knex.raw('create table if not exists bench.bare_stock (product_id uuid primary key, stock int not null)');
  await knex('bench.bare_stock').insert(products.map((p) => ({ product_id: p.id, stock: STOCK_EACH })));

  const signer = hs256Signer(config.AUTH_JWT_SECRET);
  return {
    merchantId: merchant.id,
    productIds: products.map((p) => p.id),
    consumerIds: accounts.map((a) => a.id),
    consumerTokens: accounts.map((a) => signer.sign({ sub: a.id, role: 'consumer' }).token),
    merchantTokens: Array.from(
      { length: 256 },
      () => signer.sign({ sub: randomUUID(), role: 'merchant', merchantId: merchant.id }).token,
    ),
  };
}

/** Stock left and orders taken, for the API's tables or the bare baseline's. */
export async function stockLedger(orm: MikroORM, shop: BenchShop, route: 'full' | 'bare') {
  // One statement, one snapshot: a commit landing between two reads would look like a gap.
  const knex = orm.em.getConnection().getKnex();
  const result =
    route === 'full'
      ? await knex.raw(
          'select (select sum(stock) from product where merchant_id = :m) as stock, (select count(*) from customer_order where merchant_id = :m) as orders',
          { m: shop.merchantId },
        )
      : await knex.raw(
          'select (select sum(stock) from bench.bare_stock) as stock, (select count(*) from bench.bare_order) as orders',
        );
  const row = (result as { rows: Array<{ stock: string; orders: string }> }).rows[0];
  return { stock: Number(row?.stock ?? 0), orders: Number(row?.orders ?? 0) };
}

const shippingAddress = { name: '李四', phone: '13800138000', address: '上海市黄浦区南京东路1号' };

/** The storefront's `POST /orders` for one unit of `productId`, as the `turn`-th shopper, never a replay. */
export function orderRequest(shop: BenchShop, productId: string, turn: number) {
  return {
    body: JSON.stringify({
      items: [{ productId, quantity: 1 }],
      shippingAddress,
      payment: { method: 'card', token: 'tok_ok' },
    }),
    headers: {
      authorization: `Bearer ${shop.consumerTokens[turn % shop.consumerTokens.length]}`,
      'idempotency-key': newIdempotencyKey(),
    },
  };
}

/** The end-to-end loop's two steps on the API: the storefront places, the merchant confirms at once. */
export function placeAndConfirm(apiUrl: string, shop: BenchShop, nextRequest: () => ReturnType<typeof orderRequest>) {
  return {
    place: async () => {
      const request = nextRequest();
      return String((await postJson(`${apiUrl}/orders`, JSON.parse(request.body), request.headers)).id);
    },
    confirm: async (id: string, loop: number) => {
      const outcome = await postJson(`${apiUrl}/orders/${id}/confirm`, undefined, {
        authorization: `Bearer ${shop.merchantTokens[loop % shop.merchantTokens.length]}`,
      });
      if (outcome.status !== 'confirmed') throw new Error(`order ${id} ended ${String(outcome.status)}`);
    },
  };
}
