import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Runs SQL on audit_event the way an attacker with database rights would: around the
 * append-only trigger. The app's role owns the table (migrations run as it), and an owner
 * may disable its triggers, as a superuser may; `session_replication_role = replica`
 * would need a superuser, which an external DATABASE_URL does not give the tests. The
 * trigger is disabled and re-enabled inside one transaction, so no other session ever
 * sees it off.
 */
export async function tamperWithAuditTrail(orm: MikroORM, sql: string, params: unknown[] = []): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    await em.execute('alter table audit_event disable trigger audit_event_append_only');
    await em.execute(sql, params);
    await em.execute('alter table audit_event enable trigger audit_event_append_only');
  });
}
