/**
 * `npm run chaos`: crash safety under load (issue 14). On each topology (dev, then cluster,
 * unless --topology names one) it starts a stack of its own (own PostgreSQL cluster,
 * Temporal, ports; never the user's running stack), puts --orders orders in flight through
 * the HTTP API — all placed with a card, then confirmed (captured), cancelled by the
 * consumer or rejected by the merchant (voided); a share of the confirmed ones handed over
 * on signed slips and delivered by the sandbox carrier's webhooks, and of those some
 * returned and refunded, some compensated in advance on a complaint — and meanwhile kills, one at a time
 * (--kills, spread over the load, at least --pause seconds apart): a commerce worker, the
 * ops worker, an API instance, Temporal, PostgreSQL (immediate shutdown), a commerce
 * worker again. Each comes back as under a supervisor; clients retry with the same Idempotency-Key. Once all has settled it checks
 * the ledger (refunds and payouts exactly once), stock, mail, audit chain and workflows, prints a table, and exits 1 on any
 * violation. README "Chaos" has the figures.
 *
 *   npm run chaos -- [--topology dev|cluster] [--orders 1000] [--kills 6] [--pause 5] [--concurrency 20]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { varDir } from '../config/paths';
import { createOrm } from '../db/orm';
import { createTemporalClient } from '../temporal/connection';
import { seedBenchShop } from './bench/bench-data';
import { startChaosStack, type ChaosStack } from './chaos/chaos-stack';
import type { Topology } from './chaos/chaos-temporal';
import { checkInvariants } from './chaos/invariants';
import { runKills } from './chaos/kill-plan';
import { chaosLoad } from './chaos/load';
import { registerParties } from './chaos/chaos-parties';
import { planOrders } from './chaos/order-scripts';
import { printReport, violationsOf, type TopologyReport } from './chaos/report';
import { retryingClient } from './chaos/retrying-client';
import { waitToSettle } from './chaos/settle';

const say = (message: string) => console.log(`[chaos] ${message}`);
const SETTLE_TIMEOUT_MS = 15 * 60_000;
let running: ChaosStack | undefined;

interface RunOptions {
  orders: number;
  kills: number;
  pauseMs: number;
  concurrency: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      topology: { type: 'string' },
      orders: { type: 'string', default: '1000' },
      kills: { type: 'string', default: '6' },
      pause: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '20' },
    },
  });
  const topologies: Topology[] = values.topology ? [values.topology as Topology] : ['dev', 'cluster'];
  if (topologies.some((t) => t !== 'dev' && t !== 'cluster')) throw new Error('--topology is dev or cluster');
  const options: RunOptions = {
    orders: Number(values.orders),
    kills: Number(values.kills),
    pauseMs: Number(values.pause) * 1000,
    concurrency: Number(values.concurrency),
  };
  if (!(options.orders > 0 && options.kills >= 0 && options.pauseMs >= 0 && options.concurrency > 0))
    throw new Error('--orders, --kills, --pause and --concurrency take positive numbers');

  const reports: TopologyReport[] = [];
  for (const topology of topologies) {
    const report = await runOn(topology, options);
    printReport(report);
    reports.push(report);
    const out = path.join(varDir, 'chaos', `report-${topology}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2));
    say(`report written to ${out}`);
  }
  return reports.some((report) => violationsOf(report) > 0) ? 1 : 0;
}

async function runOn(topology: Topology, options: RunOptions): Promise<TopologyReport> {
  const stack = await startChaosStack(topology);
  running = stack;
  // Fresh connections after the kills: the pool's sockets did not survive PostgreSQL's crash.
  let orm = await createOrm(stack.config.DATABASE_URL);
  let temporal = await createTemporalClient(stack.config);
  try {
    say(`${topology}: seeding the shop`);
    const shop = await seedBenchShop(orm, stack.config);
    const orders = planOrders(options.orders, shop);
    const productIds = [...new Set(orders.map((order) => order.productId))];
    const { rows } = (await orm.em
      .getConnection()
      .getKnex()
      .raw('select id, stock from product where id = any(?::uuid[])', [productIds])) as {
      rows: Array<{ id: string; stock: number }>;
    };
    const stockBefore = new Map(rows.map((row) => [row.id, row.stock]));
    const client = retryingClient(stack.apiUrl);
    const parties = await registerParties(stack.config, client, () => orm);
    const load = chaosLoad(parties, orders, options.concurrency);
    const killing = runKills(stack, { count: options.kills, pauseMs: options.pauseMs, progress: load.progress });
    const started = Date.now();
    const { peakInFlight } = await load.run((message) => say(`${topology}: ${message}`));
    const loadSeconds = (Date.now() - started) / 1000;
    const kills = await killing;
    await orm.close();
    await temporal.connection.close();
    orm = await createOrm(stack.config.DATABASE_URL);
    temporal = await createTemporalClient(stack.config);
    say(`${topology}: load done in ${loadSeconds.toFixed(0)} s, ${kills.length} kills; waiting to settle`);
    const settle = await waitToSettle({ orm, temporal, orders, timeoutMs: SETTLE_TIMEOUT_MS });
    say(`${topology}: ${settle.settled ? 'settled' : 'NOT settled'} after ${settle.seconds.toFixed(0)} s; checking`);
    const checks = await checkInvariants({
      orm,
      temporal,
      smtp: stack.smtp,
      apiUrl: stack.apiUrl,
      orders,
      stockBefore,
    });
    const processes = [stack.temporal, ...stack.commerceWorkers, stack.opsWorker, ...stack.apiInstances];
    return {
      topology,
      orders: orders.length,
      peakInFlight,
      loadSeconds,
      settleSeconds: settle.seconds,
      requests: client.stats.requests + parties.carrierAdmin.stats.requests,
      retries: client.stats.retries + parties.carrierAdmin.stats.retries,
      kills,
      unplannedRestarts: Object.fromEntries(processes.map((p) => [p.name, p.unplannedRestarts])),
      checks,
    };
  } finally {
    await temporal.connection.close().catch(() => undefined);
    await orm.close().catch(() => undefined);
    await stack.close();
    running = undefined;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    say('interrupted; stopping the stack');
    void (running?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  });

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(`[chaos] failed: ${error instanceof Error ? error.stack : String(error)}`);
    await running?.close();
    process.exit(2);
  },
);
