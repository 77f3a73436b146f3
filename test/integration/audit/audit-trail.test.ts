import { appendAuditEvent, type AuditEventInput } from '../../../db/audit-trail';
import { auditEventHash, GENESIS_HASH } from '../../../db/audit-hash';
import { verifyAuditChain } from '../../../db/audit-verify';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import { tamperWithAuditTrail } from '../../helpers/audit-attacker';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';

const event = (overrides: Partial<AuditEventInput> = {}): AuditEventInput => ({
  actor: { sub: 's-1', role: 'staff' },
  action: 'service_commitments.update',
  entity: 'service_commitments',
  entityId: 'v1',
  outcome: 'success',
  ip: '127.0.0.1',
  requestId: 'req-1',
  details: { version: 2, changed: ['orderConfirmation'] },
  ...overrides,
});

// The audit trail in Postgres (T/QGCML 3125 §8.3.5 traceability, §8.3 non-repudiation,
// §8.3.4 integrity), on a database of its own so counting and chaining are exact.
describe('audit trail: append-only, hash-chained events in Postgres', () => {
  let db: PrivateDatabase;

  beforeAll(async () => {
    db = await createPrivateDatabase('audit_trail');
  });
  afterAll(async () => db?.drop());

  const allEvents = () => db.orm.em.fork().find(AuditEvent, {}, { orderBy: { seq: 'asc' } });

  it('chains each event to the previous one from the genesis hash, each hash covering the event (§8.3.5)', async () => {
    await appendAuditEvent(db.orm.em.fork(), event({ entityId: 'a' }));
    await appendAuditEvent(db.orm.em.fork(), event({ entityId: 'b', ip: undefined, details: undefined }));
    await appendAuditEvent(db.orm.em.fork(), event({ entityId: 'c', outcome: 'denied' }));

    const events = await allEvents();
    expect(events.map((e) => [e.seq, e.entityId])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    for (const stored of events) expect(auditEventHash(stored)).toBe(stored.hash);
    expect(events[1]).toMatchObject({ ip: null, details: null, requestId: 'req-1', actorRole: 'staff' });
    expect(await verifyAuditChain(db.orm.em.fork())).toEqual({
      intact: true,
      eventsChecked: 3,
      head: { seq: 3, hash: events[2]!.hash },
    });
  });

  it('writes the event in the caller’s transaction: a rolled-back change leaves no event and no gap', async () => {
    const before = await db.orm.em.fork().count(AuditEvent);
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        await appendAuditEvent(em, event({ entityId: 'rolled-back' }));
        throw new Error('the audited change failed');
      }),
    ).rejects.toThrow('the audited change failed');
    await db.orm.em.fork().transactional(async (em) => {
      await appendAuditEvent(em, event({ entityId: 'first-in-tx' }));
      await appendAuditEvent(em, event({ entityId: 'second-in-tx' }));
    });

    const events = await allEvents();
    expect(events).toHaveLength(before + 2);
    expect(events.some((e) => e.entityId === 'rolled-back')).toBe(false);
    expect(events.slice(-2).map((e) => e.entityId)).toEqual(['first-in-tx', 'second-in-tx']);
    expect((await verifyAuditChain(db.orm.em.fork())).intact).toBe(true);
  });

  it('keeps one unbroken chain when 20 transactions append at the same time (§8.3 non-repudiation)', async () => {
    const before = await db.orm.em.fork().count(AuditEvent);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.orm.em.fork().transactional(async (em) => {
          await appendAuditEvent(em, event({ entityId: `concurrent-${i}` }));
        }),
      ),
    );

    const events = await allEvents();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: before + 20 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.prevHash)).size).toBe(events.length);
    expect(await verifyAuditChain(db.orm.em.fork(), { batchSize: 7 })).toMatchObject({
      intact: true,
      eventsChecked: before + 20,
    });
  });

  it('stores details so the hash survives jsonb reordering keys and dropping undefined values', async () => {
    await appendAuditEvent(
      db.orm.em.fork(),
      event({ details: { zeta: 1, alpha: { b: [3, { y: 1, x: 2 }], a: 'x' }, gone: undefined, at: new Date(0) } }),
    );
    const [last] = await db.orm.em.fork().find(AuditEvent, {}, { orderBy: { seq: 'desc' }, limit: 1 });
    expect(last!.details).toEqual({
      zeta: 1,
      alpha: { b: [3, { y: 1, x: 2 }], a: 'x' },
      at: '1970-01-01T00:00:00.000Z',
    });
    expect(auditEventHash(last!)).toBe(last!.hash);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the app’s own database role (§8.3.5 append-only)', async () => {
    const em = db.orm.em.fork();
    await expect(em.execute(`update audit_event set actor_sub = 'someone-else' where seq = 1`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(em.execute('delete from audit_event where seq = 1')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(em.execute('truncate audit_event')).rejects.toThrow(/append-only: TRUNCATE refused/);
    const [first] = await db.orm.em.fork().find(AuditEvent, { seq: 1 });
    expect(first!.actorSub).toBe('s-1');
  });

  it('names the changed event when a field is edited behind the app’s back, trigger bypassed (§8.3.4)', async () => {
    await tamperWithAuditTrail(db.orm, `update audit_event set outcome = 'success' where seq = 3`);

    const result = await verifyAuditChain(db.orm.em.fork(), { batchSize: 2 });
    expect(result).toMatchObject({ intact: false, eventsChecked: 3, firstBrokenSeq: 3, head: { seq: 2 } });
    expect(result.reason).toMatch(/event 3 does not match its hash: a field was changed/);
  });

  it('names the next link when an edited event’s hash is recomputed too, so rewriting history cannot hide', async () => {
    const [third] = await db.orm.em.fork().find(AuditEvent, { seq: 3 });
    await tamperWithAuditTrail(db.orm, 'update audit_event set hash = ? where seq = 3', [auditEventHash(third!)]);

    const result = await verifyAuditChain(db.orm.em.fork());
    expect(result).toMatchObject({ intact: false, firstBrokenSeq: 4 });
    expect(result.reason).toMatch(/event 4 does not link to event 3/);
  });
});
