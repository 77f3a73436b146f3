import type { FastifyInstance, InjectOptions } from 'fastify';
import { hs256Signer } from '../../../api/auth/tokens';
import type { RouteAccessEntry } from '../../../api/plugins/auth';
import { roles, type Role } from '../../../domain/principal';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';
import { samplePrincipals, tokenFor } from '../../helpers/tokens';

/**
 * The access matrix of the whole API (T/QGCML 3125 §8.3.1, §8.3.2): every route of the
 * built app × no token, a forged, an expired, each role. Data-driven from each route's own
 * `config.access` as the auth plugin recorded it, so a new route is covered the day it is
 * added, and one without an access rule does not even start (last test).
 * Offline app: an allowed caller gets past the check and then fails on the missing
 * database or Temporal (5xx) or on validation (400) — anything but 401/403.
 */
describe('access matrix: every route × every kind of caller (§8.3.1, §8.3.2)', () => {
  const config = testConfig();
  let app: FastifyInstance;
  let routes: readonly RouteAccessEntry[];
  let requestCount = 0;

  const forged = tokenFor(testConfig(), 'staff'); // another secret
  const expired = hs256Signer(config.AUTH_JWT_SECRET, { now: () => Date.now() - 7200_000 }).sign(
    samplePrincipals.staff,
    60,
  ).token;

  beforeAll(async () => {
    app = await buildOfflineApp(config);
    await app.ready();
    routes = app.routeAccess;
  });
  afterAll(() => app.close());

  /** A concrete URL for a route pattern: params and wildcards filled in. */
  function concreteUrl(pattern: string): string {
    if (pattern === '*') return '/any';
    return pattern.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*/g, 'any');
  }

  function call(route: RouteAccessEntry, token?: string) {
    // Each request from its own (loopback) address: the matrix must not trip the rate limiter.
    requestCount += 1;
    const remoteAddress = `127.1.${requestCount >> 8}.${requestCount & 255}`;
    return app.inject({
      method: route.method as InjectOptions['method'],
      url: concreteUrl(route.url),
      remoteAddress,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  }

  const label = (route: RouteAccessEntry) => `${route.method} ${route.url}`;
  const guarded = () => routes.filter((route) => route.access !== 'public');
  const allowedRoles = (route: RouteAccessEntry): readonly Role[] =>
    route.access === 'public' ? roles : route.access.roles;

  it('knows the routes: the auth plugin saw every route the app serves', () => {
    // printRoutes lists what the router holds; each must be in the recorded matrix
    // (a trailing-slash twin shares its route's rule).
    const recorded = new Set(routes.map((route) => `${route.method} ${route.url.replace(/\/$/, '')}`));
    const served: string[] = [];
    const path: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      // `│   ├── segment (GET, HEAD)`: depth from the indent; a segment without methods is a prefix.
      const node = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (!node) continue;
      const depth = node[1]!.length / 4;
      path.length = depth;
      path[depth] = node[2]!;
      for (const method of node[3]?.split(', ') ?? []) served.push(`${method} ${path.join('')}`);
    }
    // The printed tree files a wildcard under its closest printed prefix (`/docs/*` for
    // `/docs/static/*`): such a route is covered by a recorded wildcard below that prefix.
    const recordedWildcards = routes.filter((route) => route.url.endsWith('*'));
    const covered = (route: string) => {
      const [method, url] = route.split(' ') as [string, string];
      if (recorded.has(`${method} ${url.replace(/\/$/, '')}`)) return true;
      const prefix = url.slice(0, url.indexOf('*'));
      return url.endsWith('*') && recordedWildcards.some((w) => w.method === method && w.url.startsWith(prefix));
    };
    const missing = served.filter((route) => !covered(route));
    expect(served.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('answers a public route without a token (not 401 nor 403)', async () => {
    const refused: string[] = [];
    // Carrier webhooks are public to tokens but authenticated by their HMAC signature, and
    // the dev codec endpoint by the codec token in its path: a request without either is
    // refused with 401 by design (api/delivery/webhook-routes.ts, api/codec/routes.ts).
    const signatureAuthenticated = new Set([
      'POST /webhooks/logistics/:provider',
      'POST /codec/ui/:token/decode',
      'POST /codec/ui/:token/encode',
    ]);
    for (const route of routes.filter(
      (entry) => entry.access === 'public' && !signatureAuthenticated.has(label(entry)),
    )) {
      const response = await call(route);
      if ([401, 403].includes(response.statusCode)) refused.push(`${label(route)} → ${response.statusCode}`);
    }
    expect(refused).toEqual([]);
  });

  it.each([
    ['no token', () => undefined],
    ['a token signed with another secret', () => forged],
    ['an expired token', () => expired],
    ['a malformed token', () => 'not.a.jwt'],
  ])('answers every non-public route with %s by 401 problem+json and a Bearer challenge', async (_case, token) => {
    const wrong: string[] = [];
    for (const route of guarded()) {
      const response = await call(route, token());
      const ok =
        response.statusCode === 401 &&
        /^Bearer realm="storeops"/.test(String(response.headers['www-authenticate'])) &&
        (route.method === 'HEAD' || String(response.headers['content-type']).startsWith('application/problem+json'));
      if (!ok) wrong.push(`${label(route)} → ${response.statusCode}`);
    }
    expect(guarded().length).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });

  it('answers every non-public route with 403 for each role not in its access list', async () => {
    const wrong: string[] = [];
    for (const route of guarded())
      for (const role of roles.filter((candidate) => !allowedRoles(route).includes(candidate))) {
        const response = await call(route, tokenFor(config, role));
        if (response.statusCode !== 403) wrong.push(`${label(route)} as ${role} → ${response.statusCode}`);
      }
    expect(wrong).toEqual([]);
  });

  it('lets each allowed role past the check on every non-public route (neither 401 nor 403)', async () => {
    const refused: string[] = [];
    for (const route of guarded())
      for (const role of allowedRoles(route)) {
        const response = await call(route, tokenFor(config, role));
        if ([401, 403].includes(response.statusCode))
          refused.push(`${label(route)} as ${role} → ${response.statusCode}`);
      }
    expect(refused).toEqual([]);
  });

  it('refuses to start an app with a route that declares no access rule', async () => {
    const strict = await buildOfflineApp(testConfig());
    try {
      expect(() => strict.get('/forgotten', async () => 'open to all?')).toThrow(/declares no access rule/);
      expect(() => strict.get('/typo', { config: { access: { roles: [] } } }, async () => '')).toThrow(
        /invalid access rule/,
      );
    } finally {
      await strict.close();
    }
  });
});
