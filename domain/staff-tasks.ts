// Staff tasks: work a person must do because software could not (T/QGCML 3125 §4.6 a named
// person reconciles with the payment provider; §6.4 an eligible refund is transferred within
// the contracted time; §4.8 advance compensation). Money never waits on a log line: a
// compensation or refund the provider refuses for good opens one, with a deadline.
import { z } from 'zod';

/**
 * Each kind of task and how long staff have to act on it, in wall time (money is held on
 * or owed to a consumer around the clock). A process that needs a new kind adds a line.
 */
export const staffTaskKinds = {
  /** The provider refused to void an order's authorisation: the consumer's money stays held. */
  payment_void_refused: { dueWithinMs: 4 * 3_600_000 },
  /** The provider refused a refund (returns, §6.4). */
  refund_refused: { dueWithinMs: 4 * 3_600_000 },
  /** The provider refused a payout to a consumer (advance compensation, §4.8). */
  payout_refused: { dueWithinMs: 4 * 3_600_000 },
} as const satisfies Record<string, { dueWithinMs: number }>;

export type StaffTaskKind = keyof typeof staffTaskKinds;
export const staffTaskKindSchema = z.enum(Object.keys(staffTaskKinds) as [StaffTaskKind, ...StaffTaskKind[]]);

export const staffTaskStatuses = ['open', 'done'] as const;
export type StaffTaskStatus = (typeof staffTaskStatuses)[number];

/** What the task is about: a business object by type and id (never personal data). */
export const staffTaskSubjectTypes = ['order', 'return', 'complaint'] as const;
export type StaffTaskSubjectType = (typeof staffTaskSubjectTypes)[number];

/** The instant a task opened at `openedAt` is due by. */
export function staffTaskDueAt(kind: StaffTaskKind, openedAt: Date): Date {
  return new Date(openedAt.getTime() + staffTaskKinds[kind].dueWithinMs);
}
