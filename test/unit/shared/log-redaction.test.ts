import type { FastifyInstance } from 'fastify';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';

// T/QGCML 3125 §7.2, §8.3.3: personal data never reaches the logs in clear text.
describe('logs carry no personal data', () => {
  const lines: string[] = [];
  let app: FastifyInstance;
  const phone = '13912345678';
  const email = 'zhang.san@example.cn';
  const address = '上海市浦东新区世纪大道100号';
  const bearer = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjLTEifQ.c2lnbmF0dXJl';

  beforeAll(async () => {
    app = await buildOfflineApp(testConfig({ LOG_LEVEL: 'debug' }), { write: (line: string) => lines.push(line) });
    // A handler that logs the kind of object order code handles.
    app.post('/test/orders', { config: { access: 'public' } }, async (request) => {
      request.log.info({ order: request.body }, 'order received');
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('redacts personal fields in logged objects, the Authorization header and query strings', async () => {
    await app.inject({
      method: 'POST',
      url: `/test/orders?phone=${phone}`,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      payload: { items: [{ productId: 'p-1', quantity: 1 }], shippingAddress: { name: '张三', phone, address }, email },
    });

    const log = lines.join('\n');
    expect(log).toContain('order received');
    expect(log).toContain('[redacted]');
    for (const secret of [phone, email, address, bearer]) expect(log).not.toContain(secret);
  });
});
