import { linkPendingAuditEvents, queueAuditEvent } from '../../../db/audit-chainer';
import { appendAuditEvent, type AuditEventInput } from '../../../db/audit-trail';
import { verifyAuditChain } from '../../../db/audit-verify';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import { AuditPending } from '../../../db/entities/audit-pending.entity';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';

const event = (entityId: string): AuditEventInput => ({
  actor: { sub: 'c-1', role: 'consumer' },
  action: 'order.place',
  entity: 'order',
  entityId,
  outcome: 'success',
  ip: '127.0.0.1',
  details: { merchantId: 'm-1' },
});

// Hot paths queue their audit event in their own transaction and the linker chains it
// after (T/QGCML 3125 §8.3.5): concurrent orders no longer wait on the chain's lock, and
// the chain stays gapless and intact.
describe('audit trail: queued events from concurrent transactions', () => {
  let db: PrivateDatabase;

  beforeAll(async () => {
    db = await createPrivateDatabase('audit_queue');
  });
  afterAll(async () => db?.drop());

  it('links events queued by 30 concurrent transactions, and mixed with direct appends, into one intact chain', async () => {
    await appendAuditEvent(db.orm.em.fork(), event('direct-1'));
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.orm.em.fork().transactional((em) => queueAuditEvent(em, event(`queued-${i}`))),
      ),
    );
    // A rolled-back transaction leaves no event behind.
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        await queueAuditEvent(em, event('rolled-back'));
        throw new Error('order refused');
      }),
    ).rejects.toThrow('order refused');

    expect(await db.orm.em.fork().count(AuditEvent)).toBe(1);
    expect(await linkPendingAuditEvents(db.orm, { wait: true })).toBe(30);
    await appendAuditEvent(db.orm.em.fork(), event('direct-2'));

    const events = await db.orm.em.fork().find(AuditEvent, {}, { orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(events.map((e) => e.entityId)).not.toContain('rolled-back');
    expect(await db.orm.em.fork().count(AuditPending)).toBe(0);
    expect(await verifyAuditChain(db.orm.em.fork())).toMatchObject({ intact: true, eventsChecked: 32 });
  });

  it('skips its turn while the chain is locked by an append, without waiting', async () => {
    await db.orm.em.fork().transactional((em) => queueAuditEvent(em, event('late')));
    let linkedWhileLocked = -1;
    await db.orm.em.fork().transactional(async (em) => {
      await appendAuditEvent(em, event('holding-the-lock'));
      linkedWhileLocked = await linkPendingAuditEvents(db.orm, { wait: false });
    });
    expect(linkedWhileLocked).toBe(0);
    expect(await linkPendingAuditEvents(db.orm, { wait: false })).toBe(1);
  });
});
