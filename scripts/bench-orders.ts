/**
 * `npm run bench:orders`: the order path under a flash sale (issue 10). In one run, for
 * each concurrency and on one hot product and on 1,000 products, the full `POST /orders`
 * (auth, validation, transaction, audit, workflow start) against a bare baseline doing the
 * least the same work needs on the same PostgreSQL and Temporal; then orders placed →
 * confirmed per second against a bare workflow of the same shape. Checks the stock is
 * exact and /readyz answers 200 within 1 s after each load. README "Benchmark" has figures.
 *
 *   npm run bench:orders -- [--url http://127.0.0.1:3000] [--duration 8] [--connections 10,50,200]
 *                           [--e2e-duration 15] [--e2e-connections 20] [--without-worker]
 *                           [--topology dev|cluster] [--commerce-workers 2]   (cluster: start:cluster on free ports)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { varDir } from '../config/paths';
import { createOrm } from '../db/orm';
import { orderRequest, placeAndConfirm, seedBenchShop, stockLedger } from './bench/bench-data';
import { postJson, runEndToEnd, runLoad, timeToReady, type EndToEndFigures } from './bench/bench-load';
import { printReport, type LoadRow } from './bench/bench-report';
import { startBenchStack } from './bench/bench-stack';

const noEndToEnd: EndToEndFigures = { confirmedPerSecond: 0, confirmed: 0, failures: 0, p50Ms: 0, p99Ms: 0 };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      duration: { type: 'string', default: '8' },
      connections: { type: 'string', default: '10,50,200' },
      'e2e-duration': { type: 'string', default: '15' },
      'e2e-connections': { type: 'string', default: '20' },
      // Diagnosis: the load runs without the commerce worker (workflows only started), to
      // tell the API's own cost from the cost of the workflows' work running beside it.
      'without-worker': { type: 'boolean', default: false },
      topology: { type: 'string', default: 'dev' },
      'commerce-workers': { type: 'string', default: '2' },
    },
  });
  const duration = Number(values.duration);
  const connectionCounts = values.connections.split(',').map(Number);
  if (!(duration > 0) || connectionCounts.some((c) => !(c > 0)))
    throw new Error('--duration and --connections take positive numbers');

  if (values.topology !== 'dev' && values.topology !== 'cluster') throw new Error('--topology is dev or cluster');
  const stack = await startBenchStack({
    url: values.url,
    withoutWorker: values['without-worker'],
    topology: values.topology,
    commerceWorkers: Number(values['commerce-workers']),
  });
  const orm = await createOrm(stack.config.DATABASE_URL);
  try {
    console.log('[bench] seeding 1,000 products and 1,000 consumers');
    const shop = await seedBenchShop(orm, stack.config);
    const hot = shop.productIds[0]!;
    let turn = 0;
    const pick = (scenario: 'hot' | 'spread') =>
      scenario === 'hot' ? hot : shop.productIds[turn % shop.productIds.length]!;
    const fullRequest = (scenario: 'hot' | 'spread') => () => {
      turn += 1;
      return orderRequest(shop, pick(scenario), turn);
    };
    const bareRequest = (scenario: 'hot' | 'spread') => () => {
      turn += 1;
      return { body: JSON.stringify({ productId: pick(scenario) }), headers: {} };
    };

    // Warm both paths up (JIT, pools, caches) before measuring anything.
    await runLoad({
      url: `${stack.apiUrl}/orders`,
      connections: 10,
      durationSeconds: 2,
      nextRequest: fullRequest('spread'),
    });
    await runLoad({
      url: `${stack.bareUrl}/bare/orders`,
      connections: 10,
      durationSeconds: 2,
      nextRequest: bareRequest('spread'),
    });

    const e2eConnections = Number(values['e2e-connections']);
    const e2eDuration = Number(values['e2e-duration']);
    // First, on a quiet system: after the load runs the workers have thousands of orders to
    // work off, and the end-to-end figures would measure that backlog instead.
    const skipE2e = values['without-worker'];
    console.log(
      skipE2e
        ? '[bench] end to end skipped: it needs the commerce worker (--without-worker)'
        : `[bench] end to end, ${e2eConnections} connections: bare, then full`,
    );
    const bareE2e = skipE2e
      ? noEndToEnd
      : await runEndToEnd({
          connections: e2eConnections,
          durationSeconds: e2eDuration,
          place: async () => String((await postJson(`${stack.bareUrl}/bare/e2e`, { productId: pick('spread') })).id),
          confirm: async (id) => void (await postJson(`${stack.bareUrl}/bare/e2e/${id}/confirm`, {})),
        });
    const fullE2e = skipE2e
      ? noEndToEnd
      : await runEndToEnd({
          connections: e2eConnections,
          durationSeconds: e2eDuration,
          ...placeAndConfirm(stack.apiUrl, shop, fullRequest('spread')),
        });

    const rows: LoadRow[] = [];
    for (const scenario of ['hot', 'spread'] as const)
      for (const connections of connectionCounts)
        for (const route of ['bare', 'full'] as const) {
          console.log(
            `[bench] ${scenario === 'hot' ? 'one hot product' : '1,000 products'}, ${connections} connections, ${route}`,
          );
          const before = await stockLedger(orm, shop, route);
          const figures = await runLoad({
            url: route === 'full' ? `${stack.apiUrl}/orders` : `${stack.bareUrl}/bare/orders`,
            connections,
            durationSeconds: duration,
            nextRequest: route === 'full' ? fullRequest(scenario) : bareRequest(scenario),
          });
          const readyMs = await timeToReady(`${stack.apiUrl}/readyz`);
          const after = await stockLedger(orm, shop, route);
          const taken = before.stock - after.stock;
          const placed = after.orders - before.orders;
          rows.push({
            scenario,
            connections,
            route,
            ...figures,
            readyMs,
            stockExact: taken === placed && placed >= figures.ok,
            taken,
            placed,
          });
        }

    const report = {
      at: new Date().toISOString(),
      durationSeconds: duration,
      notes: stack.notes,
      rows,
      e2e: { connections: e2eConnections, bare: bareE2e, full: fullE2e },
    };
    printReport(report);
    const out = path.join(varDir, 'bench', `orders-${report.at.replace(/[:.]/g, '-')}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2));
    console.log(`[bench] figures written to ${out}`);
  } finally {
    await orm.close();
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
