import type { FastifyInstance } from 'fastify';
import { RATE_LIMIT_DEFAULTS } from '../../../config/env';
import { buildOfflineApp } from '../../helpers/offline-app';

describe('transport security: headers, rate limits, CORS (T/QGCML 3125 §8.3, §8.5)', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildOfflineApp();
  });
  afterAll(() => app.close());

  it('sends helmet’s security headers on API answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });

    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'referrer-policy': 'no-referrer',
    });
  });

  it('serves the docs UI under a CSP that allows only same-origin scripts, without upgrading its own http URLs', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    const csp = String(page.headers['content-security-policy']);

    expect(page.statusCode).toBe(200);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    // The page loads its scripts from files (allowed by script-src 'self'), none inline.
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)|<script[^>]*>[^<\s]/);
    const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.statusCode).toBe(200);
  });

  it(`answers anonymous requests beyond ${RATE_LIMIT_DEFAULTS.perAddress} a minute from one address with 429 problem+json`, async () => {
    const remoteAddress = '127.9.9.9';
    const anonymous = (address: string) =>
      app.inject({ method: 'GET', url: '/products?limit=0', remoteAddress: address });
    for (let count = 1; count <= RATE_LIMIT_DEFAULTS.perAddress; count++) await anonymous(remoteAddress);

    const limited = await anonymous(remoteAddress);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await anonymous('127.9.9.10')).statusCode).not.toBe(429);
  });

  it('lets the Temporal Web UI call the codec routes across origins, and no other origin nor route', async () => {
    const preflight = (url: string, origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });

    const fromUi = await preflight('/codec/decode', 'http://localhost:8233');
    expect(fromUi.statusCode).toBe(204);
    expect(fromUi.headers['access-control-allow-origin']).toBe('http://localhost:8233');
    expect(fromUi.headers['access-control-allow-headers']).toContain('authorization');

    const elsewhere = await preflight('/codec/decode', 'http://evil.example');
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    const otherRoute = await preflight('/me', 'http://localhost:8233');
    expect(otherRoute.headers['access-control-allow-origin']).toBeUndefined();
  });
});
