import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { MikroORM } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance } from 'fastify';
import { rateLimitStoreFor, type RateLimitStoreKind } from '../../../api/plugins/rate-limit-store';
import { RateLimitCounter } from '../../../db/entities/rate-limit-counter.entity';
import { createOrm } from '../../../db/orm';

// Two API instances behind one reverse proxy must enforce one limit between them
// (T/QGCML 3125 §8.3), so their counters live in PostgreSQL. Each "instance" here is its
// own Fastify app with its own ORM (own connection pool), as two processes would be.
describe('rate-limit store shared between API instances', () => {
  const orms: MikroORM[] = [];
  const apps: FastifyInstance[] = [];

  async function instance(kind: RateLimitStoreKind, max: number): Promise<FastifyInstance> {
    const orm = await createOrm(process.env.DATABASE_URL as string);
    orms.push(orm);
    const app = Fastify();
    await app.register(rateLimit, {
      global: true,
      max,
      timeWindow: '1 minute',
      store: rateLimitStoreFor(kind, orm),
      keyGenerator: (request) => String(request.headers['x-client']),
    });
    app.get('/orders', async () => ({ ok: true }));
    app.post('/auth/login', { config: { rateLimit: { max: 1, timeWindow: '1 minute' } } }, async () => ({ ok: true }));
    apps.push(app);
    return app;
  }
  /** Requests alternate between the instances, as round robin does; returns the status codes. */
  async function alternate(pair: FastifyInstance[], client: string, count: number, url = '/orders') {
    const statuses: number[] = [];
    for (let n = 0; n < count; n++) {
      const app = pair[n % pair.length] as FastifyInstance;
      const method = url === '/orders' ? 'GET' : 'POST';
      statuses.push((await app.inject({ method, url, headers: { 'x-client': client } })).statusCode);
    }
    return statuses;
  }

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const orm of orms) await orm.close();
  });

  it('counts one limit across both instances: the 4th request of a client allowed 3 is refused, whichever instance gets it', async () => {
    const pair = [await instance('postgres', 3), await instance('postgres', 3)];
    const client = `client-${randomUUID()}`;

    const statuses = await alternate(pair, client, 5);

    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await pair[1]?.inject({ method: 'GET', url: '/orders', headers: { 'x-client': client } });
    expect(refused?.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another client has its own window.
    expect(await alternate(pair, `client-${randomUUID()}`, 2)).toEqual([200, 200]);
  });

  it('keeps a route-level limit apart from the global one', async () => {
    const pair = [await instance('postgres', 3), await instance('postgres', 3)];
    const client = `client-${randomUUID()}`;

    expect(await alternate(pair, client, 2, '/auth/login')).toEqual([200, 429]);
    expect(await alternate(pair, client, 3)).toEqual([200, 200, 200]);
  });

  it('starts a new window once the old one has ended', async () => {
    const pair = [await instance('postgres', 1), await instance('postgres', 1)];
    const client = `client-${randomUUID()}`;
    expect(await alternate(pair, client, 2)).toEqual([200, 429]);

    // End the window in the table rather than waiting a minute.
    await orms[0]?.em.fork().nativeUpdate(
      RateLimitCounter,
      { key: { $like: `%${client}` } },
      {
        expiresAt: new Date(Date.now() - 1_000),
      },
    );

    expect(await alternate(pair, client, 2)).toEqual([200, 429]);
  });

  it('with the in-memory store each instance counts alone (why the cluster uses postgres)', async () => {
    const pair = [await instance('memory', 3), await instance('memory', 3)];

    expect(await alternate(pair, `client-${randomUUID()}`, 6)).toEqual([200, 200, 200, 200, 200, 200]);
  });
});
