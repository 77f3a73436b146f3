// The benchmark's verdict: figures per run, full/bare ratios, and the issue's goals.
import type { EndToEndFigures, LoadFigures } from './bench-load';

export interface LoadRow extends LoadFigures {
  scenario: 'hot' | 'spread';
  connections: number;
  route: 'bare' | 'full';
  /** Milliseconds after the load until /readyz answered 200 (-1: not within 10 s). */
  readyMs: number;
  /** Stock taken = orders written (≥ 2xx answers: requests in flight when the load stopped still commit). */
  stockExact: boolean;
  taken: number;
  placed: number;
}

export interface BenchReport {
  at: string;
  durationSeconds: number;
  notes: string[];
  rows: LoadRow[];
  e2e: { connections: number; bare: EndToEndFigures; full: EndToEndFigures };
}

/** The issue's goals (issue 10, "Benchmark"). */
const GOALS = { p99Ratio: 1.5, throughputRatio: 0.8, endToEndRatio: 0.75, readyMs: 1000 };

const fixed = (value: number, digits = 1) => value.toFixed(digits);

export function printReport(report: BenchReport): void {
  const failures: string[] = [];
  console.log('\nscenario        conn route   req/s    p50 ms   p99 ms   2xx    err  t/o  non2xx  stock  readyz ms');
  for (const row of report.rows) {
    console.log(
      [
        (row.scenario === 'hot' ? 'hot product' : '1,000 products').padEnd(15),
        String(row.connections).padStart(4),
        row.route.padEnd(5),
        fixed(row.requestsPerSecond).padStart(7),
        String(row.p50Ms).padStart(8),
        String(row.p99Ms).padStart(8),
        String(row.ok).padStart(6),
        String(row.errors).padStart(4),
        String(row.timeouts).padStart(4),
        String(row.non2xx).padStart(7),
        (row.stockExact ? 'exact' : `OFF ${row.taken}/${row.placed}`).padStart(6),
        String(row.readyMs).padStart(10),
      ].join(' '),
    );
    const label = `${row.scenario} c=${row.connections} ${row.route}`;
    if (row.errors + row.timeouts + row.non2xx > 0) failures.push(`${label}: errors/timeouts/non-2xx`);
    if (!row.stockExact) failures.push(`${label}: stock not exact`);
    if (row.readyMs < 0 || row.readyMs > GOALS.readyMs) failures.push(`${label}: /readyz took ${row.readyMs} ms`);
  }

  console.log('\nfull / bare      conn  throughput  p99');
  for (const full of report.rows.filter((row) => row.route === 'full')) {
    const bare = report.rows.find(
      (row) => row.route === 'bare' && row.scenario === full.scenario && row.connections === full.connections,
    );
    if (!bare) continue;
    const throughput = full.requestsPerSecond / Math.max(bare.requestsPerSecond, 1e-9);
    const p99 = full.p99Ms / Math.max(bare.p99Ms, 1);
    console.log(
      `${(full.scenario === 'hot' ? 'hot product' : '1,000 products').padEnd(15)} ${String(full.connections).padStart(5)}  ${fixed(throughput, 2).padStart(10)}  ${fixed(p99, 2).padStart(4)}`,
    );
    const label = `${full.scenario} c=${full.connections}`;
    if (throughput < GOALS.throughputRatio) failures.push(`${label}: throughput ${fixed(throughput, 2)}× bare`);
    if (p99 > GOALS.p99Ratio) failures.push(`${label}: p99 ${fixed(p99, 2)}× bare`);
  }

  const { bare, full, connections } = report.e2e;
  const e2eRatio = full.confirmedPerSecond / Math.max(bare.confirmedPerSecond, 1e-9);
  console.log(`\nend to end (placed → confirmed), ${connections} connections:`);
  for (const [name, figures] of [
    ['bare', bare],
    ['full', full],
  ] as const)
    console.log(
      `  ${name}: ${fixed(figures.confirmedPerSecond)} /s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ${figures.confirmed} confirmed, ${figures.failures} failed${figures.firstFailure ? ` (first: ${figures.firstFailure})` : ''}`,
    );
  console.log(`  full / bare: ${fixed(e2eRatio, 2)}`);
  if (e2eRatio < GOALS.endToEndRatio) failures.push(`end to end: ${fixed(e2eRatio, 2)}× bare`);
  if (full.failures > 0) failures.push(`end to end: ${full.failures} orders not confirmed`);

  console.log(`\nbounds: ${report.notes.join('; ')}`);
  console.log(failures.length === 0 ? '\nall goals met' : `\ngoals not met:\n  ${failures.join('\n  ')}`);
}
