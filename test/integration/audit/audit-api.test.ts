import { hs256Signer } from '../../../api/auth/tokens';
import { samplePrincipals } from '../../helpers/tokens';
import { appendAuditEvent } from '../../../db/audit-trail';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import type { Principal } from '../../../domain/principal';
import { tamperWithAuditTrail } from '../../helpers/audit-attacker';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { startTestStack, type TestStack } from '../../helpers/stack';

interface Item {
  seq: number;
  entity: string;
  entityId: string;
  action: string;
  occurredAt: string;
  actor: { sub: string; role: string };
}

// GET /audit and GET /audit/verify for auditors (T/QGCML 3125 §8.3.5), on a database of
// this file's own: the tests break the chain on purpose.
describe('audit API: the trail and its integrity check, for auditors', () => {
  let db: PrivateDatabase;
  let stack: TestStack;
  let token: (principal: Principal) => string;
  const auditor = () => ({ authorization: `Bearer ${token(samplePrincipals.auditor)}` });

  beforeAll(async () => {
    db = await createPrivateDatabase('audit_api');
    stack = await startTestStack({ workers: [], config: { DATABASE_URL: db.url } });
    const signer = hs256Signer(stack.config.AUTH_JWT_SECRET);
    token = (principal) => signer.sign(principal).token;
    const seed = [
      ['s-1', 'staff', 'service_commitments.update', 'service_commitments', 'v2'],
      ['c-1', 'consumer', 'account.read_contact', 'account', 'c-1'],
      ['m-1', 'merchant', 'order.confirm', 'order', 'o-1'],
      ['c-1', 'consumer', 'order.cancel', 'order', 'o-2'],
      ['s-1', 'staff', 'account.read_contact', 'account', 'c-1'],
      ['m-1', 'merchant', 'order.reject', 'order', 'o-1'],
    ] as const;
    for (const [sub, role, action, entity, entityId] of seed)
      await appendAuditEvent(db.orm.em.fork(), { actor: { sub, role }, action, entity, entityId, outcome: 'success' });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  const list = async (query: string): Promise<{ items: Item[]; nextCursor: string | null }> => {
    const response = await stack.app.inject({ method: 'GET', url: `/audit${query}`, headers: auditor() });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const verify = async () => {
    const response = await stack.app.inject({ method: 'GET', url: '/audit/verify', headers: auditor() });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it.each(['/audit', '/audit/verify'])(
    'lets only auditors read %s: 401 without a token, 403 for staff (§8.3.2)',
    async (url) => {
      expect((await stack.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      const staff = { authorization: `Bearer ${token(samplePrincipals.staff)}` };
      expect((await stack.app.inject({ method: 'GET', url, headers: staff })).statusCode).toBe(403);
    },
  );

  it('lists events newest first with who, what, when, from where and the chain hashes (§8.3.5)', async () => {
    const { items } = await list('?entity=order');
    expect(items.map((item) => [item.action, item.entityId])).toEqual([
      ['order.reject', 'o-1'],
      ['order.cancel', 'o-2'],
      ['order.confirm', 'o-1'],
    ]);
    expect(items[0]).toMatchObject({ actor: { sub: 'm-1', role: 'merchant' }, outcome: 'success', ip: null });
    expect(items[0]!.seq).toBeGreaterThan(items[1]!.seq);
    expect(items[0]).toHaveProperty('prevHash');
    expect(items[0]!.occurredAt).toMatch(/Z$/);
  });

  it('filters by entity and id, actor, action and time window, combined', async () => {
    expect((await list('?entity=order&entityId=o-1')).items.map((item) => item.action)).toEqual([
      'order.reject',
      'order.confirm',
    ]);
    expect((await list('?actor=c-1')).items.map((item) => item.action)).toEqual([
      'order.cancel',
      'account.read_contact',
    ]);
    expect((await list('?action=account.read_contact&actor=s-1')).items.map((item) => item.actor.sub)).toEqual(['s-1']);

    const all = (await list('?entity=order')).items.reverse();
    const from = all[1]!.occurredAt;
    const to = all[2]!.occurredAt;
    const window = await list(`?entity=order&from=${from}&to=${to}`);
    // from is inclusive, to exclusive (events of the same millisecond fall on the same side).
    const expected = all.filter((item) => item.occurredAt >= from && item.occurredAt < to).map((item) => item.seq);
    expect(window.items.map((item) => item.seq).reverse()).toEqual(expected);
    expect(expected).toContain(all[1]!.seq);
    expect(expected).not.toContain(all[2]!.seq);
    expect((await list(`?from=${new Date(Date.now() + 60_000).toISOString()}`)).items).toEqual([]);
  });

  it('pages with a cursor, without duplicates or gaps, and caps the page at 200', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(
        `?entity=order&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);

    const tooMany = await stack.app.inject({ method: 'GET', url: '/audit?limit=201', headers: auditor() });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors.map((error: { field: string }) => error.field)).toEqual(['querystring.limit']);
    const backwards = await stack.app.inject({
      method: 'GET',
      url: '/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      headers: auditor(),
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors).toEqual([{ field: 'to', message: 'must be later than from' }]);
  });

  it('audits the auditor’s own reads with their sub, ip and request id, even an overlong client request id', async () => {
    const headers = { ...auditor(), 'x-request-id': `audit-test-${'x'.repeat(300)}` };
    const response = await stack.app.inject({ method: 'GET', url: '/audit?actor=nobody', headers });
    expect(response.statusCode).toBe(200);
    const [event] = (await list('?action=audit.list&limit=2')).items;
    expect(event).toMatchObject({
      actor: { sub: samplePrincipals.auditor.sub, role: 'auditor' },
      entity: 'audit_trail',
      ip: '127.0.0.1',
      requestId: headers['x-request-id'].slice(0, 128),
      details: { filters: ['actor'], returned: 0 },
    });
  });

  it('reports an intact chain, then the seq of an event whose field was changed behind the API’s back (§8.3.4)', async () => {
    const before = await verify();
    expect(before).toMatchObject({ intact: true });
    expect(before.eventsChecked).toBeGreaterThanOrEqual(6);

    const [target] = await db.orm.em.fork().find(AuditEvent, { entity: 'order', entityId: 'o-2' });
    await tamperWithAuditTrail(db.orm, `update audit_event set actor_sub = 'm-1' where seq = ?`, [target!.seq]);
    const broken = await verify();
    expect(broken).toMatchObject({ intact: false, firstBrokenSeq: target!.seq });
    expect(broken.reason).toContain('a field was changed');

    await tamperWithAuditTrail(db.orm, `update audit_event set actor_sub = ? where seq = ?`, ['c-1', target!.seq]);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('reports a deleted event as a gap at its seq', async () => {
    const [target] = await db.orm.em.fork().find(AuditEvent, { action: 'order.confirm' });
    await tamperWithAuditTrail(db.orm, 'delete from audit_event where seq = ?', [target!.seq]);
    const broken = await verify();
    expect(broken).toMatchObject({ intact: false, firstBrokenSeq: target!.seq });
    expect(broken.reason).toContain(`event ${target!.seq} is missing`);

    await db.orm.em.fork().insert(AuditEvent, target!);
    expect(await verify()).toMatchObject({ intact: true });
  });
});
