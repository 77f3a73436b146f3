/**
 * `npm run bench:orders:history`: does a platform's history slow placing an order (issue 14:
 * "with 1,000,000 orders already in the database, order throughput ≥ 0.9× of an almost
 * empty database")? In one run, on one stack: end to end (placed → confirmed) and
 * `POST /orders` on 1,000 products at each concurrency, on the freshly seeded database;
 * then the history is generated (orders, items and payments of 100 other merchants, and
 * of the benchmark's own shoppers, so their indexes are deep too) and the same loads run
 * again. Prints both, the ratios and the goal. README "Benchmark" has figures.
 *
 *   npm run bench:orders:history -- [--orders 1000000] [--duration 15] [--connections 10,50]
 *                                   [--e2e-duration 20] [--e2e-connections 20] [--topology dev|cluster]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { varDir } from '../config/paths';
import { createOrm } from '../db/orm';
import { localCluster, superuserSql } from '../platform/postgres-cluster';
import { ensureToolchain } from '../platform/toolchain';
import { orderRequest, placeAndConfirm, seedBenchShop, type BenchShop } from './bench/bench-data';
import { runEndToEnd, runLoad, type EndToEndFigures, type LoadFigures } from './bench/bench-load';
import { startBenchStack } from './bench/bench-stack';
import { orderHistorySql } from './bench/order-history';

const GOAL_RATIO = 0.9;

interface Measured {
  orders: number;
  e2e: EndToEndFigures;
  loads: Array<{ connections: number } & LoadFigures>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string', default: '1000000' },
      duration: { type: 'string', default: '15' },
      connections: { type: 'string', default: '10,50' },
      'e2e-duration': { type: 'string', default: '20' },
      'e2e-connections': { type: 'string', default: '20' },
      topology: { type: 'string', default: 'dev' },
    },
  });
  const historyOrders = Number(values.orders);
  const connectionCounts = values.connections.split(',').map(Number);
  if (!(historyOrders > 0) || connectionCounts.some((c) => !(c > 0)))
    throw new Error('--orders and --connections take positive numbers');
  if (values.topology !== 'dev' && values.topology !== 'cluster') throw new Error('--topology is dev or cluster');

  const stack = await startBenchStack({ withoutWorker: false, topology: values.topology, commerceWorkers: 2 });
  const orm = await createOrm(stack.config.DATABASE_URL);
  try {
    console.log('[bench] seeding 1,000 products and 1,000 consumers');
    const shop = await seedBenchShop(orm, stack.config);
    let turn = 0;
    const nextRequest = () => {
      turn += 1;
      return orderRequest(shop, shop.productIds[turn % shop.productIds.length]!, turn);
    };
    const measure = async (): Promise<Measured> => {
      await untilWorkerCaughtUp(orm, shop);
      const orders = await orderCount(orm);
      console.log(`[bench] ${orders} orders in the database: end to end, then POST /orders`);
      const e2e = await runEndToEnd({
        connections: Number(values['e2e-connections']),
        durationSeconds: Number(values['e2e-duration']),
        ...placeAndConfirm(stack.apiUrl, shop, nextRequest),
      });
      const loads = [];
      for (const connections of connectionCounts)
        loads.push({
          connections,
          ...(await runLoad({
            url: `${stack.apiUrl}/orders`,
            connections,
            durationSeconds: Number(values.duration),
            nextRequest,
          })),
        });
      return { orders, e2e, loads };
    };

    // Warm up with one whole measurement, thrown away: after a 3 s warm-up the freshly
    // started stack (JIT, pools, the dev server's caches) read 26-37% slower than the same
    // stack minutes later with a million more orders, which measured the warm-up instead.
    console.log('[bench] warm-up: one measurement, not counted');
    await measure();
    const almostEmpty = await measure();
    await addHistory(orm, shop, historyOrders);
    await runLoad({ url: `${stack.apiUrl}/orders`, connections: 10, durationSeconds: 3, nextRequest });
    const withHistory = await measure();

    const failures = printComparison(almostEmpty, withHistory);
    const out = path.join(varDir, 'bench', `order-history-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ notes: stack.notes, almostEmpty, withHistory }, null, 2));
    console.log(`[bench] figures written to ${out}`);
    console.log(failures.length === 0 ? '\ngoal met' : `\ngoal not met:\n  ${failures.join('\n  ')}`);
  } finally {
    await orm.close();
    await stack.close();
  }
}

async function orderCount(orm: MikroORM): Promise<number> {
  const result = await orm.em.getConnection().execute<Array<{ count: string }>>('select count(*) from customer_order');
  return Number(result[0]?.count ?? 0);
}

/**
 * Each measurement starts with the worker idle: the orders the previous loads placed have
 * all been through their placement steps (authorised, merchant and consumer told). Else the
 * second measurement would also measure the first one's backlog, by chance more or less.
 */
async function untilWorkerCaughtUp(orm: MikroORM, shop: BenchShop): Promise<void> {
  const started = Date.now();
  const knex = orm.em.getConnection().getKnex();
  for (;;) {
    const { rows } = (await knex.raw(
      `select count(*) as n from customer_order o where o.merchant_id = ? and not exists
         (select 1 from order_event e where e.order_id = o.id and e.type = 'payment_authorized')`,
      [shop.merchantId],
    )) as { rows: Array<{ n: string }> };
    if (Number(rows[0]?.n) === 0) break;
    if (Date.now() - started > 10 * 60_000) throw new Error(`${rows[0]?.n} orders still not authorised after 10 min`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  // The placement mails follow the authorisation.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  console.log(
    `[bench] worker caught up with the orders placed so far in ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

async function addHistory(orm: MikroORM, shop: BenchShop, orders: number): Promise<void> {
  const started = performance.now();
  const knex = orm.em.getConnection().getKnex();
  // The shop's own consumers own the history: their (consumer, idempotency key) index is the
  // one every POST /orders looks up and writes.
  await knex.raw(`SET statement_timeout = 0; ${orderHistorySql({ orders, consumerIds: shop.consumerIds })}`);
  await knex.raw('VACUUM ANALYZE');
  // The bulk load's dirty pages written out now, not during the measurement that follows.
  superuserSql(localCluster(ensureToolchain().pgBinDir), 'CHECKPOINT');
  const size = await knex.raw('select pg_size_pretty(pg_database_size(current_database())) as size');
  console.log(
    `[bench] generated ${orders} orders with items and payments in ${Math.round((performance.now() - started) / 1000)} s; database ${String((size as { rows: Array<{ size: string }> }).rows[0]?.size)}`,
  );
}

function printComparison(before: Measured, after: Measured): string[] {
  const failures: string[] = [];
  const ratio = (a: number, b: number) => a / Math.max(b, 1e-9);
  const row = (label: string, b: number, a: number, p99b: number, p99a: number, errors: number) => {
    const r = ratio(a, b);
    console.log(
      `${label.padEnd(22)} ${b.toFixed(1).padStart(9)} ${a.toFixed(1).padStart(9)} ${r.toFixed(2).padStart(6)}   p99 ${p99b} → ${p99a} ms${errors ? `, ${errors} errors` : ''}`,
    );
    if (r < GOAL_RATIO) failures.push(`${label}: ${r.toFixed(2)}× the almost empty database`);
    if (errors > 0) failures.push(`${label}: ${errors} errors, timeouts or non-2xx`);
  };
  console.log(`\n${''.padEnd(22)} ${`${before.orders} ord`.padStart(9)} ${`${after.orders} ord`.padStart(9)}  ratio`);
  row(
    'end to end confirmed/s',
    before.e2e.confirmedPerSecond,
    after.e2e.confirmedPerSecond,
    before.e2e.p99Ms,
    after.e2e.p99Ms,
    before.e2e.failures + after.e2e.failures,
  );
  for (const load of before.loads) {
    const later = after.loads.find((l) => l.connections === load.connections)!;
    const errors = [load, later].reduce((sum, l) => sum + l.errors + l.timeouts + l.non2xx, 0);
    row(
      `POST /orders c=${load.connections}`,
      load.requestsPerSecond,
      later.requestsPerSecond,
      load.p99Ms,
      later.p99Ms,
      errors,
    );
  }
  return failures;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
