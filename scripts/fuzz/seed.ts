import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { hs256Signer } from '../../api/auth/tokens';
import type { Principal, Role } from '../../domain/principal';
import { merchantFiling, productListing } from '../../test/helpers/order-fixtures';

/** The parties the fuzzer acts as: real rows, so ownership checks and lookups run for real. */
export interface FuzzParties {
  principals: Record<Role, Principal>;
  merchantId: string;
  carrierId: string;
  productId: string;
  orderId: string;
}

async function expectCreated(app: FastifyInstance, what: string, options: InjectOptions) {
  const response = await app.inject(options);
  if (response.statusCode !== 201)
    throw new Error(`fuzz seed: ${what} answered ${response.statusCode}: ${response.body}`);
  return response.json() as { id: string };
}

/**
 * A merchant with a product, a carrier, a consumer account and one order, made through
 * the API itself (so the data is exactly what clients make), and a principal per role.
 */
export async function seedFuzzParties(app: FastifyInstance, secret: string): Promise<FuzzParties> {
  const signer = hs256Signer(secret);
  const auth = (principal: Principal) => ({ authorization: `Bearer ${signer.sign(principal).token}` });
  const staff: Principal = { sub: randomUUID(), role: 'staff' };
  const suffix = randomUUID().slice(0, 8);

  const merchant = await expectCreated(app, 'POST /merchants', {
    method: 'POST',
    url: '/merchants',
    headers: auth(staff),
    payload: merchantFiling(`Fuzz Shop ${suffix}`, `fuzz-${suffix}@shop.example`, suffix),
  });
  const merchantUser: Principal = { sub: randomUUID(), role: 'merchant', merchantId: merchant.id };
  const product = await expectCreated(app, 'POST /merchants/:id/products', {
    method: 'POST',
    url: `/merchants/${merchant.id}/products`,
    headers: auth(merchantUser),
    payload: { ...productListing(`FUZZ-${suffix}`, suffix), price: 3850, deliveryFee: 800, stock: 100_000 },
  });
  const carrier = await expectCreated(app, 'POST /carriers', {
    method: 'POST',
    url: '/carriers',
    headers: auth(staff),
    payload: {
      name: `Fuzz Carrier ${suffix}`,
      contactEmail: `fuzz-${suffix}@carrier.example`,
      contractTerms: {
        calendar: '5x8',
        handoverWithin: 'PT16H',
        deliveryWithin: 'PT40H',
        codRemittanceWithin: 'PT40H',
        complaintResponseWithin: 'PT8H',
      },
    },
  });
  const account = await expectCreated(app, 'POST /auth/register', {
    method: 'POST',
    url: '/auth/register',
    payload: {
      email: `fuzz-${suffix}@example.cn`,
      password: 'correct horse battery',
      name: '李四',
      phone: '13800138000',
    },
  });
  const consumer: Principal = { sub: account.id, role: 'consumer' };
  const order = await expectCreated(app, 'POST /orders', {
    method: 'POST',
    url: '/orders',
    headers: { ...auth(consumer), 'idempotency-key': `fuzz-${suffix}` },
    payload: {
      items: [{ productId: product.id, quantity: 1 }],
      shippingAddress: { name: '李四', phone: '13800138000', address: '上海市黄浦区南京东路1号' },
      payment: { method: 'card', token: 'tok_ok' },
    },
  });

  return {
    principals: {
      consumer,
      merchant: merchantUser,
      courier: { sub: randomUUID(), role: 'courier', carrierId: carrier.id },
      staff,
      ops: { sub: randomUUID(), role: 'ops' },
      auditor: { sub: randomUUID(), role: 'auditor' },
    },
    merchantId: merchant.id,
    carrierId: carrier.id,
    productId: product.id,
    orderId: order.id,
  };
}
