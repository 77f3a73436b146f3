import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig, RATE_LIMIT_DEFAULTS } from '../../../config/env';
import type { Principal } from '../../../domain/principal';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';
import { bearer } from '../../helpers/tokens';

const PER_PRINCIPAL = 6;
const PER_ADDRESS = 4;
const STOREFRONT = '127.20.0.1';

// Rate limits per caller (T/QGCML 3125 §8.5, issue 10 defect 6): a storefront's backend
// calls from one address for all its shoppers, so a signed-in shopper is counted on their
// own token, an anonymous caller on its address; probes and the API document are never
// limited. The requests fail validation on purpose: they are counted, and need no database.
describe('rate limits: per principal, per address for anonymous callers, configurable', () => {
  let app: FastifyInstance;
  const config = testConfig({
    RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: String(PER_PRINCIPAL),
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: String(PER_ADDRESS),
  });
  const shopper = (n: number): Principal => ({
    // One account id per shopper, stable across the test: `…-000000000007` for shopper 7.
    sub: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    role: 'consumer',
  });
  const asShopper = (n: number, remoteAddress = STOREFRONT) =>
    app.inject({ method: 'GET', url: '/orders?limit=0', headers: bearer(config, shopper(n)), remoteAddress });
  const anonymous = (remoteAddress: string, url = '/products?limit=0') =>
    app.inject({ method: 'GET', url, remoteAddress });
  const statuses = async (count: number, send: () => Promise<{ statusCode: number }>) => {
    const codes: number[] = [];
    for (let i = 0; i < count; i++) codes.push((await send()).statusCode);
    return codes;
  };

  beforeAll(async () => {
    app = await buildOfflineApp(config);
  });
  afterAll(() => app.close());

  it('gives each shopper behind one storefront address a bucket of their own', async () => {
    expect(await statuses(PER_PRINCIPAL, () => asShopper(1))).not.toContain(429);
    const limited = await asShopper(1);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.headers['retry-after']).toBeDefined();

    // Same address, another shopper's token: not affected.
    expect(await statuses(PER_PRINCIPAL, () => asShopper(2))).not.toContain(429);
    // The same shopper from elsewhere is still the same principal.
    expect((await asShopper(1, '127.20.0.2')).statusCode).toBe(429);
  });

  it('counts callers without a valid token per address, with the anonymous limit', async () => {
    const address = '127.21.0.1';
    expect(await statuses(PER_ADDRESS, () => anonymous(address))).not.toContain(429);
    expect((await anonymous(address)).statusCode).toBe(429);
    // A token with a bad signature is anonymous: it cannot buy a fresh bucket.
    const forged = await app.inject({
      method: 'GET',
      url: '/products?limit=0',
      remoteAddress: address,
      headers: bearer({ AUTH_JWT_SECRET: 'x'.repeat(40) }, shopper(3)),
    });
    expect(forged.statusCode).toBe(429);
    expect((await anonymous('127.21.0.2')).statusCode).toBe(400);
  });

  it('never limits health, readiness, metrics or the API document', async () => {
    const address = '127.22.0.1';
    await statuses(PER_ADDRESS + 1, () => anonymous(address));
    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs/']) {
      const codes = await statuses(PER_ADDRESS + 2, () => anonymous(address, url));
      expect({ url, codes }).toEqual({ url, codes: expect.not.arrayContaining([429]) });
    }
  });

  it('reads the limits from RATE_LIMIT_* and refuses a limit that is not a positive integer, naming it', () => {
    const base = { ...process.env, NODE_ENV: 'test' };
    expect(loadConfig(base).RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE).toBe(RATE_LIMIT_DEFAULTS.perPrincipal);
    expect(loadConfig({ ...base, RATE_LIMIT_LOGIN_PER_MINUTE: '3' }).RATE_LIMIT_LOGIN_PER_MINUTE).toBe(3);
    expect(() => loadConfig({ ...base, RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, RATE_LIMIT_PER_ADDRESS_PER_MINUTE: 'lots' })).toThrow(
      /RATE_LIMIT_PER_ADDRESS_PER_MINUTE/,
    );
  });
});
