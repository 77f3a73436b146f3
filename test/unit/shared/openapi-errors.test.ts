import type { FastifyInstance } from 'fastify';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';
import { bearer } from '../../helpers/tokens';

interface Operation {
  security?: unknown[];
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}

const PROBLEM = 'application/problem+json';
const problemRef = '#/components/schemas/Problem';

/**
 * The OpenAPI document says what the API really sends (issue 10, defect 5; DESIGN.md
 * "the OpenAPI document lists every status a route can send, errors as
 * application/problem+json"); schemathesis checks the same on the running stack
 * (scripts/fuzz-api.ts), this checks the document's shape and the error handler offline.
 */
describe('OpenAPI document: every error a route can send, as application/problem+json', () => {
  const config = testConfig();
  let app: FastifyInstance;
  let operations: [string, Operation][];

  beforeAll(async () => {
    app = await buildOfflineApp(config);
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
    );
  });
  afterAll(() => app.close());

  it('documents each error response as problem+json with the Problem schema, and nothing else', () => {
    const wrong: string[] = [];
    for (const [name, op] of operations)
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400 || name === 'GET /readyz') continue;
        const content = response.content ?? {};
        if (Object.keys(content).join() !== PROBLEM || content[PROBLEM]!.schema.$ref !== problemRef)
          wrong.push(`${name} ${status}: ${Object.keys(content).join()}`);
      }

    expect(operations.length).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('documents the statuses every route of its kind can send: 400, 429, 503; 401/403 with a token; 404 with an id', () => {
    const missing: string[] = [];
    for (const [name, op] of operations) {
      const expected = ['400', '429', '503'];
      if (op.security) expected.push('401', '403');
      if (op.parameters?.some((parameter) => parameter.in === 'path')) expected.push('404');
      if (op.requestBody) expected.push('413', '415');
      for (const status of expected) if (!op.responses[status]) missing.push(`${name} ${status}`);
    }

    expect(missing).toEqual([]);
  });

  it('sends errors exactly as documented: problem+json with type, title and status', async () => {
    const responses = [
      await app.inject({ method: 'POST', url: '/auth/login', payload: { email: 1 } }), // 400
      await app.inject({ method: 'GET', url: '/orders' }), // 401
      await app.inject({ method: 'GET', url: '/orders', headers: bearer(config, 'courier') }), // 403
      await app.inject({
        method: 'POST',
        url: '/merchants',
        headers: { ...bearer(config, 'staff'), 'content-type': 'application/xml' },
        payload: 'x',
      }), // 415
    ];

    expect(responses.map((response) => response.statusCode)).toEqual([400, 401, 403, 415]);
    for (const response of responses) {
      expect(response.headers['content-type']).toBe(`${PROBLEM}; charset=utf-8`);
      expect(response.json()).toMatchObject({
        type: 'about:blank',
        title: expect.any(String),
        status: response.statusCode,
      });
    }
  });

  it('answers 503 problem+json with Retry-After, as documented, when PostgreSQL or Temporal does not answer', async () => {
    // The offline app's database and Temporal addresses have nothing listening.
    const fromDatabase = await app.inject({ method: 'GET', url: '/products' });
    const fromTemporal = await app.inject({
      method: 'POST',
      url: '/ops/stack-probes',
      headers: bearer(config, 'ops'),
      payload: { taskQueues: ['commerce'] },
    });

    // A transaction asks the pool for a connection first: the socket's own error.
    const inTransaction = await app.inject({ method: 'GET', url: '/me', headers: bearer(config, 'consumer') });

    for (const response of [fromDatabase, fromTemporal, inTransaction]) {
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toBe(`${PROBLEM}; charset=utf-8`);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
    }
  });

  it('serves /docs, every asset its page loads, and the document the UI fetches (no browser needed)', async () => {
    for (const page of ['/docs', '/docs/']) {
      const html = await app.inject({ method: 'GET', url: page });
      expect(html.statusCode).toBe(200);
      const assets = [...html.body.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1]!);
      expect(assets.length).toBeGreaterThan(3);
      for (const asset of assets) {
        const url = new URL(asset, `http://api${page}`).pathname;
        expect([url, (await app.inject({ method: 'GET', url })).statusCode]).toEqual([url, 200]);
      }
    }
    const initializer = (await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })).body;
    expect(initializer).toContain("resolveUrl('./json')");
    const document = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(document.statusCode).toBe(200);
    expect(Object.keys(document.json().paths)).toContain('/orders');
  });
});
