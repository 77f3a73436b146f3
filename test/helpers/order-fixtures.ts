import { randomUUID } from 'node:crypto';
import { chinaDate } from '../../domain/china-time';
import type { Principal } from '../../domain/principal';
import type { TestStack } from './stack';
import { daysFrom } from './time';
import { bearer, samplePrincipals } from './tokens';

/** A date `years` from today, as qualifications state their validity (China's calendar day). */
export const inYears = (years: number) => chinaDate(daysFrom(new Date(), years * 365));

export const staff: Principal = samplePrincipals.staff;

/** What staff file for a merchant with valid licences (`POST /merchants`, §4.1.2). */
export function merchantFiling(name: string, contactEmail: string, suffix: string) {
  return {
    name,
    contactEmail,
    qualifications: [
      { type: 'business_licence', number: `9131${suffix}`, issuer: '上海市市场监督管理局', validUntil: inYears(2) },
      { type: 'tax_registration', number: `3101${suffix}`, issuer: '国家税务总局上海市税务局', validUntil: inYears(2) },
    ],
  };
}

/** A tea the merchant lists (`POST /merchants/:id/products`); price, fee and stock are the caller's. */
export function productListing(sku: string, suffix: string) {
  return { sku, name: `Tea ${suffix}`, pricingType: 'market', origin: '杭州', grade: 'A', spec: '250 g' } as const;
}

/** A qualified merchant with one product, filed and listed through the API. */
export async function openShop(stack: TestStack, product: { price: number; deliveryFee: number; stock: number }) {
  const suffix = randomUUID().slice(0, 8);
  const merchant = await stack.app.inject({
    method: 'POST',
    url: '/merchants',
    headers: bearer(stack.config, staff),
    payload: merchantFiling(`Shop ${suffix}`, `orders-${suffix}@shop.example`, suffix),
  });
  if (merchant.statusCode !== 201) throw new Error(`merchant: ${merchant.statusCode} ${merchant.body}`);
  const merchantId = merchant.json().id as string;
  const owner: Principal = { sub: randomUUID(), role: 'merchant', merchantId };
  const created = await stack.app.inject({
    method: 'POST',
    url: `/merchants/${merchantId}/products`,
    headers: bearer(stack.config, owner),
    payload: { ...productListing(`SKU-${suffix}`, suffix), ...product },
  });
  if (created.statusCode !== 201) throw new Error(`product: ${created.statusCode} ${created.body}`);
  return { merchantId, owner, productId: created.json().id as string, contactEmail: `orders-${suffix}@shop.example` };
}

/** A consumer account made through /auth/register, and its principal. */
export async function signUpConsumer(stack: TestStack) {
  const email = `buyer-${randomUUID().slice(0, 8)}@example.cn`;
  const response = await stack.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: { email, password: 'correct horse battery', name: '李四', phone: '13800138000' },
  });
  if (response.statusCode !== 201) throw new Error(`register: ${response.statusCode} ${response.body}`);
  const principal: Principal = { sub: response.json().id as string, role: 'consumer' };
  return { principal, email };
}

export const shippingAddress = { name: '李四', phone: '13800138000', address: '上海市黄浦区南京东路1号' };

/**
 * The `POST /orders` request of a consumer buying one item, paid with a token the sandbox
 * approves, under a fresh Idempotency-Key: for `app.inject`, where a test reads the answer.
 */
export function oneItemOrderRequest(config: TestStack['config'], consumer: Principal, productId: string) {
  return {
    method: 'POST' as const,
    url: '/orders',
    headers: { ...bearer(config, consumer), 'idempotency-key': `key-${randomUUID()}` },
    payload: { items: [{ productId, quantity: 1 }], shippingAddress, payment: { method: 'card', token: 'tok_ok' } },
  };
}

/** Places an order for one item through the API, paid with a token the sandbox approves. */
export async function placeOneItemOrder(stack: TestStack, consumer: Principal, productId: string) {
  const response = await stack.app.inject(oneItemOrderRequest(stack.config, consumer, productId));
  if (response.statusCode !== 201) throw new Error(`order: ${response.statusCode} ${response.body}`);
  return response.json();
}
