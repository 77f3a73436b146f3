import type { FastifyInstance } from 'fastify';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../domain/errors';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';
import { bearer } from '../../helpers/tokens';

describe('API foundation: problem+json errors, health, OpenAPI, metrics', () => {
  let app: FastifyInstance;
  const config = testConfig();
  const ops = bearer(config, 'ops');

  beforeAll(async () => {
    app = await buildOfflineApp(config);
    // Routes that fail the ways handlers can fail, added before the app is ready.
    const open = { config: { access: 'public' as const } };
    app.get('/test/crash', open, async () => {
      throw new Error('secret connection string postgres://user:pw@db');
    });
    app.get('/test/not-found', open, async () => {
      throw new NotFoundError('order', 'o-1');
    });
    app.get('/test/conflict', open, async () => {
      throw new ConflictError('the order was already cancelled');
    });
    app.get('/test/invalid', open, async () => {
      throw new InvalidInputError('items[0].quantity', 'exceeds the stock');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers a body that breaks the schema with 400 problem+json naming each failing field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/ops/stack-probes',
      headers: ops,
      payload: { taskQueues: ['nowhere'], timeoutSeconds: 0 },
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request', instance: '/ops/stack-probes' });
    expect(problem.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'body.taskQueues[0]',
      'body.timeoutSeconds',
    ]);
  });

  it('answers malformed JSON with 400 problem+json, not 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/ops/stack-probes',
      headers: { ...ops, 'content-type': 'application/json' },
      payload: '{"taskQueues": [',
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('masks an unexpected error as a bare 500 that reveals nothing of it', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/crash' });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/test/crash',
      requestId: expect.any(String),
    });
    expect(response.body).not.toContain('postgres://');
    expect(response.body).not.toContain('at ');
  });

  it.each([
    ['/test/not-found', 404, undefined],
    ['/test/conflict', 409, undefined],
    ['/test/invalid', 422, [{ field: 'items[0].quantity', message: 'exceeds the stock' }]],
  ])('maps the domain error of %s to %i', async (url, status, errors) => {
    const response = await app.inject({ method: 'GET', url });

    expect(response.statusCode).toBe(status);
    expect(response.json().errors).toEqual(errors);
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await app.inject({ method: 'GET', url: '/no/such/route?x=1' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, detail: 'no route GET /no/such/route' });
  });

  it('echoes a caller-supplied X-Request-Id in the problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/crash', headers: { 'x-request-id': 'req-42' } });

    expect(response.json().requestId).toBe('req-42');
  });

  it('is alive even when its dependencies are not, and not ready until they are', async () => {
    const live = await app.inject({ method: 'GET', url: '/healthz' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });

    expect(live.statusCode).toBe(200);
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not_ready', checks: { postgres: 'down', temporal: 'down' } });
  });

  it('publishes every route in the OpenAPI document and serves the docs UI', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const docs = await app.inject({ method: 'GET', url: '/docs/' });

    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/ops/stack-probes']));
    expect(document.paths['/ops/stack-probes'].post.requestBody).toBeDefined();
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('exposes Prometheus process and HTTP metrics', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    const response = await app.inject({ method: 'GET', url: '/metrics', headers: ops });

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('process_cpu_user_seconds_total');
    expect(response.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/,
    );
  });
});
