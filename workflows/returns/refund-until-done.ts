import { ActivityFailure, ApplicationFailure, sleep } from '@temporalio/workflow';
import { refundAttentionAt } from '../../domain/returns';

/** Between rounds of provider retries: long enough not to hammer it, short beside a refund term. */
const REFUND_RETRY_PAUSE_MS = 10 * 60_000;

export interface RefundRound {
  /** Pays the refund (its activity retries a few times with the same idempotency key). */
  pay(): Promise<void>;
  /** The refund is still not through at the attention point, or the provider refused it: a staff task. */
  flag(reason: string): Promise<void>;
  /** The refund deadline passed: a breach of the platform itself. */
  late(): Promise<void>;
}

/** The provider's words (or the failure type) for the consumer and staff; never personal data. */
export function reasonOf(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) return `${cause.type ?? 'Error'}: ${cause.message}`.slice(0, 500);
  return (cause instanceof Error ? cause.message : String(cause)).slice(0, 500);
}

function refusedForGood(error: unknown): boolean {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure && cause.nonRetryable === true;
}

/**
 * Money never waits on a log line (docs/architecture.md "Workflows"; T/QGCML 3125 §6.4, §7.1.2): the refund is
 * retried until it goes through, always with the same idempotency key. Still not through
 * three quarters of the way to `refundBy` (or refused outright by the provider), it
 * becomes a staff task; past `refundBy`, the platform is charged a breach.
 */
export async function refundUntilDone(acceptedAt: string, refundBy: string, round: RefundRound): Promise<void> {
  const attentionAt = Date.parse(refundAttentionAt(acceptedAt, refundBy));
  const dueAt = Date.parse(refundBy);
  let flagged = false;
  let late = false;
  for (;;) {
    try {
      await round.pay();
      break;
    } catch (error) {
      const now = Date.now();
      if (!flagged && (now >= attentionAt || refusedForGood(error))) {
        flagged = true;
        await round.flag(reasonOf(error));
      }
      if (!late && now >= dueAt) {
        late = true;
        await round.late();
      }
      const marks = [attentionAt, dueAt].filter((mark) => mark > now).map((mark) => mark - now);
      await sleep(Math.max(1_000, Math.min(REFUND_RETRY_PAUSE_MS, ...marks)), {
        summary: 'pause before the next refund round (same idempotency key)',
      });
    }
  }
  if (!late && Date.now() > dueAt) await round.late();
}
