import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Requests per minute and client address on routes without a limit of their own. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300;

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
 *  - rate limiting per client address, DEFAULT_RATE_LIMIT_PER_MINUTE by default; routes
 *    set tighter limits in `config.rateLimit` (api/routes/auth.ts). Counters live in this
 *    process: several API instances behind a balancer each count on their own.
 * Registered before the auth plugin, so a route's rate limiter runs before its token check.
 */
async function securityPlugin(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
  });
  await app.register(rateLimit, { global: true, max: DEFAULT_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' });
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
