// Durations in milliseconds, and instants relative to a test's own "now": tests pass their
// clock in, so a deadline they seed and the one they expect count from the same instant.

import { DAY_MS, HOUR_MS } from '../../domain/china-time';

export const MINUTE = 60_000;
export const HOUR = HOUR_MS;
export const DAY = DAY_MS;

/** `hours` after `now` (before it when negative). */
export const hoursFrom = (now: Date, hours: number) => new Date(now.getTime() + hours * HOUR);

/** `days` after `now` (before it when negative). */
export const daysFrom = (now: Date, days: number) => new Date(now.getTime() + days * DAY);
