import type { FastifyInstance } from 'fastify';
import { fieldsWithNul } from '../../../api/plugins/nul-guard';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';
import { bearer } from '../../helpers/tokens';

/**
 * PostgreSQL cannot store NUL (\u0000) in text or jsonb and answered such input with a 500
 * (issue 10, defect 4). Every input is refused with a 400 naming the field before a route
 * runs, so the offline app (no database) proves no query was even tried.
 */
describe('NUL characters in any input are a 400 naming the field (T/QGCML 3125 §8.3)', () => {
  const config = testConfig();
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildOfflineApp(config);
  });
  afterAll(() => app.close());

  const expectRefused = (response: Awaited<ReturnType<FastifyInstance['inject']>>, fields: string[]) => {
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, detail: expect.stringContaining('NUL') });
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual(fields);
  };

  it('in a JSON body, nested or in an object key (POST /merchants)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/merchants',
      headers: bearer(config, 'staff'),
      payload: { name: 'Shop\u0000', contactEmail: 'a@b.example', qualifications: [{ issuer: 'x\u0000y' }] },
    });

    expectRefused(response, ['body.name', 'body.qualifications[0].issuer']);
  });

  it('in the query string (GET /products?q=)', async () => {
    expectRefused(await app.inject({ method: 'GET', url: '/products?q=tea%00' }), ['query.q']);
  });

  it('in a path parameter', async () => {
    expectRefused(await app.inject({ method: 'GET', url: '/merchants/%00' }), ['params.id']);
  });

  it('in a header used as data (Idempotency-Key on POST /orders)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { ...bearer(config, 'consumer'), 'idempotency-key': 'key\u0000' },
      payload: {},
    });

    expectRefused(response, ['headers.idempotency-key']);
  });

  it('finds every string and key holding one, and nothing else', () => {
    expect(fieldsWithNul({ a: ['ok', 'n\u0000'], 'k\u0000': 1, b: { c: 2, d: null } }, 'body')).toEqual([
      'body.a[1]',
      'body.k\\u0000',
    ]);
    expect(fieldsWithNul({ text: '中文 \t\n ok', n: 0, list: [] }, 'body')).toEqual([]);
  });
});
