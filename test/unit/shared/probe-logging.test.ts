import type { FastifyInstance } from 'fastify';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';

// Load balancers probe every second: their requests must not bury the API's log.
describe('health probes in the log', () => {
  const lines: Array<{ msg?: string; level?: number; req?: { route?: string }; checks?: object }> = [];
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildOfflineApp(testConfig({ LOG_LEVEL: 'info' }), {
      write: (line: string) => lines.push(JSON.parse(line)),
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('logs no request line for /healthz or /readyz, but every other request and a probe that finds the instance not ready', async () => {
    for (let probe = 0; probe < 3; probe++) await app.inject({ method: 'GET', url: '/healthz' });
    // Offline: PostgreSQL and Temporal are unreachable, so the instance is not ready.
    const readiness = await app.inject({ method: 'GET', url: '/readyz' });
    await app.inject({ method: 'GET', url: '/service-commitments' });

    expect(readiness.statusCode).toBe(503);
    const requestLines = lines.filter((line) => line.msg === 'incoming request');
    expect(requestLines.map((line) => line.req?.route)).toEqual(['/service-commitments']);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'not ready', checks: { postgres: 'down', temporal: 'down' } }),
    );
  });
});
