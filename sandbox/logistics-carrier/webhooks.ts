import { createHmac } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import { CARRIER_SCHEMA } from './db';
import type { WebhookBody } from './schemas';

export interface WebhookTarget {
  /** Read at each delivery, so a test can point it at a server started after the carrier. */
  url: () => string;
  secret: string;
  /** Attempts in all, the first included; later ones back off exponentially. */
  maxAttempts?: number;
  firstRetryMs?: number;
}

export interface DeliveryOutcome {
  delivered: boolean;
  attempts: number;
  status?: number;
}

/** Signs like real carriers do: HMAC-SHA256 over `${timestamp}.${body}`, hex, with a scheme prefix. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Delivers event webhooks at least once: the first attempt is awaited (so an admin call
 * or a test sees its outcome), failures are retried in the background with backoff until
 * delivered or out of attempts. The receiver must be idempotent by event id.
 */
export class WebhookSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly db: Knex,
    private readonly target: WebhookTarget,
  ) {}

  async deliver(event: WebhookBody): Promise<DeliveryOutcome> {
    return this.attempt(event, 1);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(event: WebhookBody, attempt: number): Promise<DeliveryOutcome> {
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(this.target.url(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-event-id': event.id,
          'x-timestamp': timestamp,
          'x-signature': signWebhook(this.target.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      await response.arrayBuffer();
      if (!response.ok) error = `HTTP ${status}`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const delivered = error === undefined;
    await this.db
      .withSchema(CARRIER_SCHEMA)
      .table('events')
      .where({ id: event.id })
      .update({
        delivery_attempts: this.db.raw('delivery_attempts + 1'),
        ...(delivered ? { delivered_at: this.db.fn.now(), last_error: null } : { last_error: error }),
      })
      .catch(() => undefined);
    // A 4xx other than 408/429 is the receiver refusing this event: retrying cannot help.
    const final = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
    if (!delivered && !final && attempt < (this.target.maxAttempts ?? 6) && !this.closed) {
      const delay = (this.target.firstRetryMs ?? 500) * 2 ** (attempt - 1);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.attempt(event, attempt + 1);
      }, delay);
      this.timers.add(timer);
    }
    return { delivered, attempts: attempt, ...(status !== undefined ? { status } : {}) };
  }
}
