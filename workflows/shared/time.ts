/**
 * Milliseconds from now to an ISO instant, never negative: the timeout of a timer or a
 * condition that waits for a deadline (one already past fires at once). `Date.now()` is
 * the workflow's own clock here, so the value replays alike.
 */
export function msUntil(iso: string): number {
  return Math.max(0, Date.parse(iso) - Date.now());
}
