import type { FastifyInstance } from 'fastify';
import { complaintStatuses } from '../../../domain/complaints';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';
import { bearer } from '../../helpers/tokens';

// What clients rely on before any service answers: the routes and statuses in the OpenAPI
// document, and bad input refused at the edge as problem+json naming the field.
describe('complaints API contract (T/QGCML 3125 §4.8)', () => {
  const config = testConfig();
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildOfflineApp(config);
  });
  afterAll(() => app?.close());

  it('publishes the complaint and recovery routes with every complaint status', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/complaints',
        '/complaints/{id}',
        '/complaints/{id}/responses',
        '/complaints/{id}/advance-compensation',
        '/complaints/{id}/advance-compensation/approval',
        '/complaints/{id}/resolve',
        '/complaints/{id}/reopen',
        '/recovery-claims',
        '/recovery-claims/{id}/payments',
        '/reports/recovery-claims',
      ]),
    );
    // Every status the complaint rules know, not a copy of them: a status added to the
    // domain but missing from the published schema fails here.
    const statuses = JSON.stringify(document.paths['/complaints/{id}'].get.responses['200']);
    for (const status of complaintStatuses) expect(statuses).toContain(status);
  });

  it('refuses a complaint with an unknown category as a 400 naming the field, before touching anything', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/complaints',
      headers: bearer(config, 'consumer'),
      payload: { orderId: '00000000-0000-4000-8000-000000000000', category: 'late', description: 'never came' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toContain('category');
  });

  it('lets only staff pay an advance compensation', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/complaints/00000000-0000-4000-8000-000000000000/advance-compensation',
      headers: bearer(config, 'merchant'),
      payload: { amount: 100, reason: 'because' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a compensation proposal without an amount (400, field proposal.amount)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/complaints/00000000-0000-4000-8000-000000000000/responses',
      headers: bearer(config, 'merchant'),
      payload: { message: 'we offer money', proposal: { remedy: 'compensation' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('amount');
  });
});
