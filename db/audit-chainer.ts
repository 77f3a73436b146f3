import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { auditFactsOf, chainedAuditEvent, type AuditEventInput } from './audit-trail';
import { AuditEvent } from './entities/audit-event.entity';
import { AuditPending } from './entities/audit-pending.entity';
import { AUDIT_CHAIN_LOCK_KEY } from './repositories/audit-event.repository';

/** Events linked per transaction: bounds how long one link run holds the chain's lock. */
const LINK_BATCH = 500;

/**
 * Records an audit event in the caller's transaction without touching the chain: the
 * change and its event still commit together (T/QGCML 3125 §8.3.5), but the transaction
 * takes no shop-wide lock. `linkPendingAuditEvents` puts it in the chain moments later,
 * and every audit read links first, so an auditor never sees the trail without it.
 * For hot paths only (placing orders); elsewhere appendAuditEvent links at once.
 */
export async function queueAuditEvent(em: EntityManager, event: AuditEventInput): Promise<void> {
  await em.insert(AuditPending, new AuditPending(auditFactsOf(event)));
}

/**
 * Moves queued events into the hash chain in queue order, under the same advisory lock as
 * appendAuditEvent, so the chain stays gapless and unforked. `wait: false` (the background
 * linker) gives up at once when another linker or append holds the lock; `wait: true`
 * (before an audit read) waits for it. Returns how many events it linked.
 */
export async function linkPendingAuditEvents(orm: MikroORM, options: { wait: boolean }): Promise<number> {
  let linked = 0;
  for (;;) {
    const batch = await orm.em.fork().transactional(async (em) => {
      if (options.wait) await em.execute('select pg_advisory_xact_lock(?)', [AUDIT_CHAIN_LOCK_KEY]);
      else {
        const [row] = await em.execute<Array<{ locked: boolean }>>('select pg_try_advisory_xact_lock(?) as locked', [
          AUDIT_CHAIN_LOCK_KEY,
        ]);
        if (!row?.locked) return 0;
      }
      const pending = await em.find(
        AuditPending,
        {},
        { orderBy: { position: 'asc' }, limit: LINK_BATCH, disableIdentityMap: true },
      );
      if (pending.length === 0) return 0;
      let head = await em.getRepository(AuditEvent).findHead();
      const rows = pending.map((queued) => {
        const row = chainedAuditEvent(head, queued);
        head = row;
        return row;
      });
      await em.insertMany(AuditEvent, rows);
      await em.nativeDelete(AuditPending, { position: { $in: pending.map((queued) => queued.position!) } });
      return pending.length;
    });
    linked += batch;
    if (batch < LINK_BATCH) return linked;
  }
}
