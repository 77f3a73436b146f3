import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config/env';
import type { TokenVerifier } from '../auth/tokens';

export interface SecurityPluginOptions {
  /** The auth plugin's verifier: only a valid token's `sub` gets a bucket of its own. */
  verifier: TokenVerifier;
  limits: Pick<Config, 'RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE' | 'RATE_LIMIT_PER_ADDRESS_PER_MINUTE'>;
  /** Where counters live when several API instances must share them; unset: in this process. */
  store?: FastifyRateLimitStoreCtor;
}

/**
 * Never rate-limited: probes and scrapers call these on a schedule from one address, and a
 * 429 on readiness would take a healthy instance out of its balancer.
 */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs', '/docs/']);
const isUnlimited = (request: FastifyRequest) => {
  const url = request.routeOptions.url;
  return url !== undefined && (UNLIMITED_ROUTES.has(url) || url.startsWith('/docs/'));
};

function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/.exec(request.headers.authorization ?? '')?.[1];
}

/**
 * Where the Temporal Web UI runs (port 8233 in the dev server and docker-compose):
 * its page has the browser post payloads to the codec routes (api/routes/codec.ts).
 */
const TEMPORAL_UI_ORIGINS = ['http://localhost:8233', 'http://127.0.0.1:8233'];

/**
 * Transport-level protection for every route (T/QGCML 3125 §8.3, §8.5):
 *  - helmet's security headers. Its CSP allows only same-origin scripts, which the Swagger
 *    UI at /docs satisfies (its HTML loads external scripts, no inline ones; styles and
 *    data: images are within helmet's defaults). `upgrade-insecure-requests` is dropped:
 *    TLS is terminated in front of the API in production (HSTS is still sent), and on
 *    plain-HTTP development hosts it would rewrite the docs' own asset URLs to https.
 *  - rate limiting per caller: a valid bearer token counts against its principal (`sub`),
 *    so a storefront calling with each shopper's token is not one bucket; a request
 *    without one counts against its address. Limits come from RATE_LIMIT_* (config/env.ts);
 *    /auth/* sets tighter ones (api/accounts/auth-routes.ts); UNLIMITED_ROUTES are exempt.
 *    Counters live in this process, or with RATE_LIMIT_STORE=postgres in PostgreSQL, shared
 *    by every API instance (api/plugins/rate-limit-store.ts; `npm run start:cluster` does).
 * Registered before the auth plugin, so a route's rate limiter runs before its token check.
 */
async function securityPlugin(app: FastifyInstance, { verifier, limits, store }: SecurityPluginOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
  });

  /** The verified principal, if any: the limiter runs before the auth hook sets it. */
  const principalSub = async (request: FastifyRequest): Promise<string | undefined> => {
    const token = bearerToken(request);
    if (token === undefined) return undefined;
    try {
      return (await verifier.verify(token)).sub;
    } catch {
      return undefined; // refused: counted per address, and the auth hook answers 401
    }
  };
  const keys = new WeakMap<FastifyRequest, string>();
  const keyOf = async (request: FastifyRequest): Promise<string> => {
    const known = keys.get(request);
    if (known !== undefined) return known;
    const sub = await principalSub(request);
    const key = sub === undefined ? `address|${request.ip}` : `principal|${sub}`;
    keys.set(request, key);
    return key;
  };

  await app.register(rateLimit, {
    global: true,
    timeWindow: '1 minute',
    ...(store ? { store } : {}),
    allowList: (request) => isUnlimited(request),
    keyGenerator: keyOf,
    max: async (request) =>
      (await keyOf(request)).startsWith('principal|')
        ? limits.RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE
        : limits.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
  });
}

export default fp(securityPlugin, { name: 'security' });

/**
 * CORS only for the codec routes and only from the Temporal Web UI; every other route is
 * for same-origin pages and server-to-server calls. Registered after the auth plugin, so
 * the preflight route it adds (`OPTIONS *`, answered without credentials by design) goes
 * through the access check like every other route.
 */
async function codecCorsPlugin(app: FastifyInstance): Promise<void> {
  await app.register(cors, {
    delegator: (request, callback) =>
      callback(
        null,
        request.url.startsWith('/codec/')
          ? {
              origin: TEMPORAL_UI_ORIGINS,
              methods: ['POST'],
              allowedHeaders: ['authorization', 'content-type', 'x-namespace'],
              maxAge: 600,
            }
          : { origin: false },
      ),
  });
}

export const codecCors = fp(codecCorsPlugin, { name: 'codec-cors', dependencies: ['auth'] });
