import type { FastifyInstance } from 'fastify';
import { requestHashOf } from '../../../api/shared/idempotency-key';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
}

// What a client reads in the OpenAPI document before it retries a create: which routes take
// an Idempotency-Key, whether it is required, and that reusing one for another request is a
// 409 (README "Orders"; the behaviour itself: test/integration/{order,complaints,returns}).
describe('Idempotency-Key in the API contract', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildOfflineApp(testConfig());
  });
  afterAll(() => app?.close());

  it.each([
    ['/orders', true],
    ['/complaints', false],
    ['/orders/{id}/returns', false],
  ])('documents the header on POST %s (required: %s) and its 409', async (path, required) => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = document.paths[path].post;

    const header = (operation.parameters as Parameter[]).find((p) => p.in === 'header' && p.name === 'idempotency-key');

    expect(header).toBeDefined();
    expect(header!.required ?? false).toBe(required);
    expect(Object.keys(operation.responses)).toContain('409');
  });

  it('fingerprints a request by its content, not the order of its keys', () => {
    const asked = { orderId: 'o-1', type: 'return', items: [{ productId: 'p-1', quantity: 2 }] };
    const sameInAnotherOrder = { items: [{ quantity: 2, productId: 'p-1' }], type: 'return', orderId: 'o-1' };

    expect(requestHashOf(sameInAnotherOrder)).toBe(requestHashOf(asked));
    expect(requestHashOf({ ...asked, orderId: 'o-2' })).not.toBe(requestHashOf(asked));
    expect(requestHashOf(asked)).toMatch(/^[0-9a-f]{64}$/);
  });
});
