import type { FastifyInstance } from 'fastify';
import { codecUiToken, hs256Signer } from '../../../api/auth/tokens';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';
import { samplePrincipals, tokenFor } from '../../helpers/tokens';

const someId = '00000000-0000-4000-8000-000000000001';
// An encoded payload's wire form is not needed to test who gets in: an empty list decodes to one.
const body = { payloads: [] };

/**
 * The dev Temporal Web UI publishes its codec endpoint, token included, at its
 * unauthenticated /api/v1/settings (issue 10, defect 7). So that token has its own
 * audience: it opens the codec routes and nothing else (T/QGCML 3125 §7.2, §8.3.2).
 */
describe('the Temporal Web UI codec token opens the codec routes only', () => {
  const config = testConfig();
  let app: FastifyInstance;
  const codecToken = codecUiToken(config.AUTH_JWT_SECRET);

  beforeAll(async () => {
    app = await buildOfflineApp(config);
  });
  afterAll(() => app.close());

  const decodeWith = (token: string) => app.inject({ method: 'POST', url: `/codec/ui/${token}/decode`, payload: body });

  it('decodes through the endpoint that carries it', async () => {
    const response = await decodeWith(codecToken);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ payloads: [] });
  });

  // On public routes (GET /merchants/:id) it counts as no token at all: the public view
  // (test/integration/accounts/token-claims.test.ts).
  it.each([
    ['GET', `/orders/${someId}`],
    ['GET', `/handovers/${someId}`],
    ['GET', '/reports/sla'],
    ['GET', '/orders'],
    ['POST', '/codec/decode'],
  ] as const)('is refused as a bearer token on %s %s with 401 problem+json', async (method, url) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${codecToken}` },
      ...(method === 'POST' ? { payload: body } : {}),
    });

    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 401, title: 'Invalid bearer token' });
  });

  it('refuses an API token in the codec path (401), even a staff one', async () => {
    expect((await decodeWith(tokenFor(config, 'staff'))).statusCode).toBe(401);
  });

  it('refuses a codec token of another role with 403', async () => {
    const consumer = hs256Signer(config.AUTH_JWT_SECRET, { audience: 'codec' }).sign(samplePrincipals.consumer);

    expect((await decodeWith(consumer.token)).statusCode).toBe(403);
  });

  it.each([
    ['a short garbage token', 'x'],
    ['a long garbage token', 'not-a-token'.repeat(20)],
    ['a forged signature', `${codecToken.slice(0, -4)}AAAA`],
    ['a codec token signed with another secret', codecUiToken(testConfig().AUTH_JWT_SECRET)],
  ])('answers %s with 401 problem+json, not 400', async (_case, token) => {
    const response = await decodeWith(token);

    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
