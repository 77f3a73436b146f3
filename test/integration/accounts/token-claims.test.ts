import { randomUUID } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { codecUiToken, TOKEN_AUDIENCES } from '../../../api/auth/tokens';
import { openShop, staff } from '../../helpers/order-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

// Claims are input (issue 10, defect 3; T/QGCML 3125 §8.3.1): a validly signed token whose
// claims are malformed is refused at the auth boundary with 401, never a 500 from a query.
describe('token claims are checked at the door', () => {
  let stack: TestStack;
  let shop: Awaited<ReturnType<typeof openShop>>;
  /** Signed with the app's own secret, claims exactly as given: what a buggy issuer could mint. */
  let signed: (claims: Record<string, unknown>) => string;

  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
    shop = await openShop(stack, { price: 100, deliveryFee: 0, stock: 1 });
    const sign = createSigner({ key: stack.config.AUTH_JWT_SECRET, algorithm: 'HS256', expiresIn: 60_000 });
    signed = (claims) => sign({ aud: TOKEN_AUDIENCES.api, ...claims });
  });
  afterAll(async () => stack?.close());

  const call = (method: 'GET' | 'PUT', url: string, token: string, payload?: object) =>
    stack.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  const someOrder = () => `/orders/${randomUUID()}`;

  it.each([
    ['a sub that is not a UUID', { sub: 'c-1', role: 'consumer' }, /sub must be an account id/],
    ['a sub full of SQL', { sub: "' or 1=1 --", role: 'consumer' }, /sub must be an account id/],
    ['an unknown role', { sub: randomUUID(), role: 'admin' }, /role must be one of/],
  ])('answers %s with 401 problem+json on /me, /me/consents and /orders/:id', async (_case, claims, says) => {
    const token = signed(claims);
    const responses = [
      await call('GET', '/me', token),
      await call('PUT', '/me/consents', token, { objections: [] }),
      await call('GET', someOrder(), token),
    ];

    for (const response of responses) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(response.json()).toMatchObject({
        status: 401,
        title: 'Invalid bearer token',
        detail: expect.stringMatching(says),
      });
    }
  });

  it('answers a merchant token whose merchantId is not a UUID with 401 on /orders/:id', async () => {
    const response = await call(
      'GET',
      someOrder(),
      signed({ sub: randomUUID(), role: 'merchant', merchantId: 'shop-1' }),
    );

    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toMatch(/merchantId must be a merchant id/);
  });

  it('answers a well-formed consumer token whose account does not exist with 404 on /me and /me/consents', async () => {
    const stranger = bearer(stack.config, { sub: randomUUID(), role: 'consumer' });
    const read = await stack.app.inject({ method: 'GET', url: '/me', headers: stranger });
    const consents = await stack.app.inject({
      method: 'PUT',
      url: '/me/consents',
      headers: stranger,
      payload: { objections: [] },
    });

    for (const response of [read, consents]) {
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it("gives the Web UI's codec token only the public view of a merchant, as if no token were sent", async () => {
    const url = `/merchants/${shop.merchantId}`;
    const asCodec = await call('GET', url, codecUiToken(stack.config.AUTH_JWT_SECRET));
    const asStaff = await stack.app.inject({ method: 'GET', url, headers: bearer(stack.config, staff) });

    expect(asCodec.statusCode).toBe(200);
    expect(asCodec.json()).not.toHaveProperty('contactEmail');
    expect(asStaff.json()).toHaveProperty('contactEmail', shop.contactEmail);
  });
});
