// Time units and China's calendar day. Asia/Shanghai is UTC+8 all year (no DST), so a fixed
// offset is exact. Pure and deterministic: workflows may import it (the clock is passed in).

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** The calendar date in China at `at` ("2026-11-24"): licences expire and money settles by Chinese dates. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instants bounding China's calendar day `date` (YYYY-MM-DD): from its start to the next day's. */
export function chinaDay(date: string): { from: Date; to: Date } {
  const from = new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}
