import { randomUUID } from 'node:crypto';
import { hs256Verifier } from '../../../api/auth/tokens';
import { RATE_LIMIT_DEFAULTS } from '../../../config/env';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

const LOGIN_ATTEMPTS_PER_MINUTE = RATE_LIMIT_DEFAULTS.login;

interface AuditRow {
  actor_sub: string;
  actor_role: string;
  action: string;
  entity_id: string;
  outcome: string;
  details: unknown;
}

// Consumer accounts on the real stack: sign-up, login, own data and consents
// (T/QGCML 3125 §8.3.1, §7.2), with contact data encrypted at rest and every step audited.
describe('consumer accounts: register, login, /me', () => {
  let stack: TestStack;
  const email = `Li.Lei+${randomUUID().slice(0, 8)}@Example.com`;
  const password = 'correct horse battery';
  const contact = { name: 'Li Lei 李雷', phone: '+86 138 0013 8000' };
  let id: string;
  let consumer: { authorization: string };
  /** The signed-up consumer calling one of their own routes. */
  const asConsumer = (method: 'GET' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    stack.app.inject({ method, url, headers: consumer, payload });

  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
    const response = await stack.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email, password, ...contact },
    });
    expect(response.statusCode).toBe(201);
    id = response.json().id;
    consumer = { authorization: `Bearer ${response.json().token}` };
  });
  afterAll(async () => stack?.close());

  const sql = <T>(query: string, params: unknown[] = []) =>
    stack.orm.em.fork().getConnection().execute<T[]>(query, params);
  const rawAccount = async () => (await sql<Record<string, unknown>>('select * from account where id = ?', [id]))[0]!;
  const auditOf = (entityId: string) =>
    sql<AuditRow>(
      'select actor_sub, actor_role, action, entity_id, outcome, details from audit_event where entity_id = ? order by seq',
      [entityId],
    );
  const login = (body: object, remoteAddress = '127.0.0.1') =>
    stack.app.inject({ method: 'POST', url: '/auth/login', payload: body, remoteAddress });

  it('signs a consumer up with a token for their new account (§8.3.1)', async () => {
    const token = consumer.authorization.slice('Bearer '.length);

    await expect(hs256Verifier(stack.config.AUTH_JWT_SECRET).verify(token)).resolves.toEqual({
      sub: id,
      role: 'consumer',
    });
  });

  it('stores name and phone only as ciphertext, the e-mail lower-cased, the password as argon2id (§7.2, §8.3.3)', async () => {
    const row = await rawAccount();

    expect(row.email).toBe(email.toLowerCase());
    expect(String(row.password_hash)).toMatch(/^\$argon2id\$/);
    expect(row.name_ciphertext).toMatch(/^f1\./);
    expect(row.phone_ciphertext).toMatch(/^f1\./);
    const stored = JSON.stringify(row);
    for (const secret of ['Li Lei', '李雷', '138 0013', '13800138000', password]) expect(stored).not.toContain(secret);
  });

  it('refuses a second account for the same e-mail in any letter case with 409, and keeps one row', async () => {
    const response = await stack.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email: email.toUpperCase(), password, ...contact },
    });

    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const [row] = await sql<{ count: string }>('select count(*) from account where email = ?', [email.toLowerCase()]);
    expect(Number(row?.count)).toBe(1);
  });

  it('refuses a password shorter than 10 characters with 400 naming the field', async () => {
    const response = await stack.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email: `short-${randomUUID()}@example.com`, password: 'too-short', ...contact },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual(['body.password']);
  });

  it('logs in with the right password and issues a token with its expiry', async () => {
    const response = await login({ email, password });

    expect(response.statusCode).toBe(200);
    expect(Date.parse(response.json().expiresAt)).toBeGreaterThan(Date.now());
    const me = await stack.app.inject({
      method: 'GET',
      url: '/me',
      headers: { authorization: `Bearer ${response.json().token}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail with the same 401, hinting at neither', async () => {
    const wrongPassword = await login({ email, password: 'not the password' }, '127.2.0.1');
    const unknownEmail = await login({ email: `nobody-${randomUUID()}@example.com`, password }, '127.2.0.2');

    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const { requestId: _a, ...first } = wrongPassword.json();
    const { requestId: _b, ...second } = unknownEmail.json();
    expect(first).toEqual(second);
  });

  it(`answers login attempts beyond ${LOGIN_ATTEMPTS_PER_MINUTE} a minute on one account from one address with 429`, async () => {
    const target = `target-${randomUUID()}@example.com`;
    for (let attempt = 1; attempt <= LOGIN_ATTEMPTS_PER_MINUTE; attempt++)
      expect((await login({ email: target, password: `guess ${attempt}` }, '127.3.0.1')).statusCode).toBe(401);

    const limited = await login({ email: target, password: 'one more guess' }, '127.3.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.headers['retry-after']).toBeDefined();
    // Another account from the same address, and the same account from elsewhere, still get an answer.
    expect((await login({ email, password }, '127.3.0.1')).statusCode).toBe(200);
    expect((await login({ email: target, password: 'guess' }, '127.3.0.2')).statusCode).toBe(401);
  });

  it('shows a consumer their own contact details decrypted, with every use consented by default (§7.2)', async () => {
    const response = await asConsumer('GET', '/me');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id,
      email: email.toLowerCase(),
      ...contact,
      address: null,
      consents: { marketingEmail: true, personalisedRecommendations: true, shareWithPartners: true },
      objections: [],
    });
  });

  it('lets a consumer correct their phone and add an address, stored encrypted (§7.2 view and correct)', async () => {
    const before = await rawAccount();
    const response = await asConsumer('PATCH', '/me', { phone: '+86 139 1111 2222', address: '北京市朝阳区 1 号' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ...contact, phone: '+86 139 1111 2222', address: '北京市朝阳区 1 号' });
    const after = await rawAccount();
    expect(after.name_ciphertext).toBe(before.name_ciphertext);
    expect(after.phone_ciphertext).not.toBe(before.phone_ciphertext);
    expect(JSON.stringify(after)).not.toMatch(/139 1111|朝阳/);
  });

  it('refuses a correction of the e-mail or an empty correction with 400, changing nothing', async () => {
    const before = await rawAccount();
    const email = await asConsumer('PATCH', '/me', { email: 'x@example.com' });
    const empty = await asConsumer('PATCH', '/me', {});

    expect(email.statusCode).toBe(400);
    expect(empty.statusCode).toBe(400);
    expect(await rawAccount()).toEqual(before);
  });

  it('records objections per use and shows every other use as consented (§7.2.3 default opt-out)', async () => {
    const response = await asConsumer('PUT', '/me/consents', { objections: ['shareWithPartners', 'marketingEmail'] });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      consents: { marketingEmail: false, personalisedRecommendations: true, shareWithPartners: false },
      objections: ['marketingEmail', 'shareWithPartners'],
    });
    const me = await asConsumer('GET', '/me');
    expect(me.json().objections).toEqual(['marketingEmail', 'shareWithPartners']);
  });

  it('refuses an unknown use with 400 naming it', async () => {
    const response = await asConsumer('PUT', '/me/consents', { objections: ['sellMyData'] });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('body.objections[0]');
  });

  it('answers a consumer token without an account with 404', async () => {
    const stranger = bearer(stack.config, { sub: randomUUID(), role: 'consumer' });

    expect((await stack.app.inject({ method: 'GET', url: '/me', headers: stranger })).statusCode).toBe(404);
  });

  it('audits sign-up, logins, reads and corrections of contact data, never with the e-mail in clear (§8.3.5)', async () => {
    const events = await auditOf(id);
    const actions = events.map((event) => `${event.action}:${event.outcome}`);

    expect(actions).toEqual(
      expect.arrayContaining([
        'account.register:success',
        'auth.login:success',
        'auth.login:failure',
        'account.read_contact:success',
        'account.correct_contact:success',
        'account.update_consents:success',
      ]),
    );
    // A failed login names the account it targeted but not as its actor: the caller is unproven.
    for (const event of events)
      expect([event.actor_sub, event.actor_role]).toEqual(
        event.outcome === 'failure' ? ['anonymous', 'anonymous'] : [id, 'consumer'],
      );
    const correction = events.find((event) => event.action === 'account.correct_contact');
    expect(correction?.details).toEqual({ fields: ['phone', 'address'] });
    const everything = JSON.stringify(await sql('select * from audit_event'));
    expect(everything.toLowerCase()).not.toContain(email.toLowerCase());
    expect(everything).not.toContain('138 0013');
  });
});
