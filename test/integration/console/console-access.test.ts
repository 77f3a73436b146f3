import { randomUUID } from 'node:crypto';
import { createStaffUser } from '../../../api/console/staff-accounts';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer, tokenFor } from '../../helpers/tokens';

// Who reaches the console and the reports (T/QGCML 3125 §8.3.1, §8.3.2, §8.7), through HTTP.
describe('console access and the reports interface', () => {
  let stack: TestStack;
  const password = 'a long enough ops password';
  const email = `ops-${randomUUID().slice(0, 8)}@storeops.example`;

  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
    await createStaffUser(stack.orm.em.fork(), { email, role: 'ops', password }, 'test');
  });
  afterAll(async () => stack?.close());

  const login = (next = '/console/ops') =>
    stack.app.inject({
      method: 'POST',
      url: '/console/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email, password, next }).toString(),
    });
  const page = (url: string, cookie?: string) =>
    stack.app.inject({ method: 'GET', url, headers: cookie ? { cookie: `storeops_console=${cookie}` } : {} });

  it('sends a visitor without a session to the login, and an ops user only to the pages of ops', async () => {
    const anonymous = await page('/console/ops');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/console/login?next=%2Fconsole%2Fops');

    const signedIn = await login();
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/console/ops');
    const cookie = signedIn.cookies.find((c) => c.name === 'storeops_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console', maxAge: 3600 });

    expect((await page('/console/ops', cookie!.value)).statusCode).toBe(200);
    expect((await page('/console/scorecards', cookie!.value)).statusCode).toBe(403);
  });

  it('refuses an API bearer token or a tampered token as a session, and never redirects off the console', async () => {
    expect((await page('/console/ops', tokenFor(stack.config, 'ops'))).statusCode).toBe(303);
    const cookie = (await login()).cookies.find((c) => c.name === 'storeops_console')!.value;
    const tampered = `${cookie.slice(0, -3)}${cookie.endsWith('A') ? 'B' : 'A'}AA`;
    expect((await page('/console/ops', tampered)).statusCode).toBe(303);
    expect((await login('https://evil.example/')).headers.location).toBe('/console');
    const wrong = await stack.app.inject({
      method: 'POST',
      url: '/console/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email, password: 'wrong password!!' }).toString(),
    });
    expect(wrong.headers.location).toMatch(/^\/console\/login\?failed=1/);
  });

  it('§8.7: every report answers JSON or CSV for a period and party, and names a missing party id', async () => {
    const csv = await stack.app.inject({
      method: 'GET',
      url: '/reports/sla/trend?format=csv&bucket=week',
      headers: bearer(stack.config, 'auditor'),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('from,to,obligation,due,breached,onTimeRate,breaches');
    const missing = await stack.app.inject({
      method: 'GET',
      url: '/reports/sla/trend?party=merchant',
      headers: bearer(stack.config, 'staff'),
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(missing.json())).toContain('partyId');
    const queues = await stack.app.inject({
      method: 'GET',
      url: '/reports/work-queues',
      headers: { ...bearer(stack.config, 'staff'), accept: 'text/csv' },
    });
    expect(queues.body.split('\r\n')[0]).toBe(
      'queue,subjectId,merchantId,carrierId,state,dueAt,secondsLeft,workflowId,resource',
    );
    const consumer = await stack.app.inject({
      method: 'GET',
      url: '/reports/backups',
      headers: bearer(stack.config, { sub: randomUUID(), role: 'consumer' }),
    });
    expect(consumer.statusCode).toBe(403);
  });
});
