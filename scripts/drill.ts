/**
 * `npm run drill -- general|severe [--keep-standby] [--api http://127.0.0.1:3000]`: starts a
 * recovery drill through the API (T/QGCML 3125 §8.2.3), shows a live progress line until
 * the report, prints it, and exits 0 when the drill passed, 1 otherwise.
 * The token is STOREOPS_TOKEN, or outside production a development ops token minted here.
 */
import { parseArgs } from 'node:util';
import { hs256Signer } from '../api/auth/tokens';
import { loadConfig } from '../config/env';
import { formatDrillReport, type DrillReport } from '../domain/recovery-drill-report';
import { serviceSubjects } from '../domain/principal';

const usage = 'usage: npm run drill -- general|severe [--keep-standby] [--api <url>]';

function bar(percent: number, width = 30): string {
  const filled = Math.round((percent / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(percent)).padStart(3)} %`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'keep-standby': { type: 'boolean', default: false }, api: { type: 'string' } },
  });
  const scenario = positionals[0];
  if (scenario !== 'general' && scenario !== 'severe') throw new Error(usage);
  const config = loadConfig();
  const api = values.api ?? `http://127.0.0.1:${config.API_PORT}`;
  const token =
    process.env.STOREOPS_TOKEN ??
    (config.NODE_ENV === 'production'
      ? undefined
      : hs256Signer(config.AUTH_JWT_SECRET).sign({ sub: serviceSubjects.opsCli, role: 'ops' }, 3600).token);
  if (!token) throw new Error('set STOREOPS_TOKEN to an ops token');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const started = await fetch(`${api}/ops/recovery-drills`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ scenario, keepStandby: values['keep-standby'] }),
  });
  if (started.status !== 202) throw new Error(`the API answered ${started.status}: ${await started.text()}`);
  const { id } = (await started.json()) as { id: string };
  console.log(`drill ${id} (${scenario}) started`);
  const since = Date.now();
  for (;;) {
    const response = await fetch(`${api}/ops/recovery-drills/${id}`, { headers });
    const drill = (await response.json()) as {
      status: string;
      phase: string;
      percent: number;
      report: DrillReport | null;
    };
    const elapsed = `${Math.round((Date.now() - since) / 1000)} s`;
    if (process.stdout.isTTY) process.stdout.write(`\r${bar(drill.percent)}  ${drill.phase.padEnd(8)} ${elapsed}   `);
    else console.log(`${bar(drill.percent)}  ${drill.phase} ${elapsed}`);
    if (drill.status !== 'running') {
      process.stdout.write('\n\n');
      if (drill.report) console.log(formatDrillReport(drill.report).body);
      return drill.status === 'passed' ? 0 : 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // fetch hides the reason (refused, reset) in `cause`.
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    console.error(`${error instanceof Error ? error.message : String(error)}${cause}`);
    process.exit(2);
  },
);
