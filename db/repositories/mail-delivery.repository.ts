import { randomUUID } from 'node:crypto';
import { EntityRepository, LockMode } from '@mikro-orm/postgresql';
import type { MailDelivery, MailDeliveryStatus, MailRecipientKind } from '../entities/mail-delivery.entity';

export interface MailDeliveryClaim {
  idempotencyKey: string;
  purpose: string;
  recipientKind: MailRecipientKind;
  recipientId: string;
}

/**
 * How long a second attempt waits for the first one's send to finish. Longer than the
 * SMTP timeouts added up, so it only fires when something is truly stuck (then the
 * attempt fails and Temporal retries it).
 */
const LOCK_TIMEOUT = '90s';

export class MailDeliveryRepository extends EntityRepository<MailDelivery> {
  /**
   * Inserts the `queued` record for this key unless one exists (INSERT … ON CONFLICT DO
   * NOTHING on the unique key): concurrent claims of one key leave exactly one row.
   * Runs outside the caller's transaction so the row is visible to every competitor.
   */
  async claim(claim: MailDeliveryClaim): Promise<void> {
    const now = new Date();
    await this.createQueryBuilder()
      .insert({
        id: randomUUID(),
        createdAt: now,
        updatedAt: now,
        ...claim,
        status: 'queued',
        attempts: 0,
      })
      .onConflict('idempotencyKey')
      .ignore()
      .execute();
  }

  /**
   * The record for a key, locked (SELECT … FOR UPDATE) until the surrounding transaction
   * ends: whoever holds it is the only one sending that message; a concurrent attempt
   * waits here and then reads the outcome. Call inside `em.transactional`.
   */
  async lockByKey(idempotencyKey: string): Promise<MailDelivery | null> {
    await this.em.execute(`set local lock_timeout = '${LOCK_TIMEOUT}'`);
    return this.findOne({ idempotencyKey }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  findByKey(idempotencyKey: string): Promise<MailDelivery | null> {
    return this.findOne({ idempotencyKey });
  }

  /** What was mailed to one recipient (e.g. for a complaint), newest first. */
  listForRecipient(recipientKind: MailRecipientKind, recipientId: string, limit = 50): Promise<MailDelivery[]> {
    return this.find({ recipientKind, recipientId }, { orderBy: { createdAt: 'desc' }, limit });
  }

  /** Deliveries in a status, oldest change first (ops: what is stuck or failed). */
  listByStatus(status: MailDeliveryStatus, limit = 100): Promise<MailDelivery[]> {
    return this.find({ status }, { orderBy: { updatedAt: 'asc' }, limit });
  }
}
