// Worker for the bare baseline's queue (scripts/bench-orders.ts), run as its own process
// like the commerce worker, with the same data converter (encrypted payloads).
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../../config/env';
import { dataConverterFor } from '../../temporal/connection';
import { createBareActivities } from './bare-activities';
import { BARE_TASK_QUEUE } from './bare-definitions';

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: BARE_TASK_QUEUE,
    activities: createBareActivities(),
    dataConverter: dataConverterFor(config),
    workflowsPath: path.join(__dirname, 'bare-workflows.ts'),
  });
  process.once('SIGTERM', () => worker.shutdown());
  process.once('SIGINT', () => worker.shutdown());
  console.log('bare worker ready');
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error('bare worker failed:', error);
  process.exit(1);
});
