// The chaos run's table: per topology, what was killed and every invariant with its count.
import type { Check } from './invariants';
import type { Kill } from './kill-plan';

export interface TopologyReport {
  topology: string;
  orders: number;
  /** Orders placed with none of them decided yet: processes in flight at once. */
  peakInFlight: number;
  loadSeconds: number;
  settleSeconds: number;
  requests: number;
  retries: number;
  kills: Kill[];
  unplannedRestarts: Record<string, number>;
  checks: Check[];
}

export const violationsOf = (report: TopologyReport) => report.checks.reduce((sum, c) => sum + c.violations, 0);

export function printReport(report: TopologyReport): void {
  const line = (cells: Array<string | number>, widths: number[]) =>
    cells.map((cell, n) => String(cell).padEnd(widths[n]!)).join('  ');
  console.log(`\n=== chaos on the ${report.topology} topology ===`);
  console.log(
    `${report.orders} orders (${report.peakInFlight} in flight at the peak), load ${report.loadSeconds.toFixed(0)} s, ` +
      `settled in ${report.settleSeconds.toFixed(0)} s, ${report.requests} requests of which ${report.retries} retries`,
  );
  const killWidths = [42, 28, 10];
  console.log(line(['killed', 'how', 'back in'], killWidths));
  for (const kill of report.kills)
    console.log(line([kill.victim, kill.how, `${kill.downSeconds.toFixed(1)} s`], killWidths));
  const restarts = Object.entries(report.unplannedRestarts).filter(([, n]) => n > 0);
  if (restarts.length)
    console.log(`restarted after dying on their own: ${restarts.map(([p, n]) => `${p} ×${n}`).join(', ')}`);
  const widths = [72, 8, 10];
  console.log(line(['invariant', 'checked', 'violations'], widths));
  for (const check of report.checks) {
    console.log(line([check.name, check.checked, check.violations], widths));
    for (const example of check.examples) console.log(`    e.g. ${example}`);
  }
  console.log(violationsOf(report) === 0 ? 'RESULT: no violation' : `RESULT: ${violationsOf(report)} violation(s)`);
}
