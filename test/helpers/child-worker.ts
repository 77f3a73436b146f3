// A commerce worker in a process of its own, on the queue CHILD_WORKER_QUEUE names, for
// tests that kill it outright (SIGKILL: no drain, no shutdown hook) and start another.
// It prints "worker ready" once it polls. Configuration comes from the environment.
import { loadConfig } from '../../config/env';
import { createOrm } from '../../db/orm';
import { commerceActivities } from '../../workers/activities';
import { connectWorker, createWorker } from '../../workers/run-worker';
import type { TaskQueue } from '../../workflows/shared/task-queues';

async function main(): Promise<void> {
  const taskQueue = process.env.CHILD_WORKER_QUEUE as TaskQueue | undefined;
  if (!taskQueue) throw new Error('CHILD_WORKER_QUEUE is not set');
  const config = loadConfig();
  const orm = await createOrm(config.DATABASE_URL);
  const connection = await connectWorker(config);
  const identity = `child-${process.pid}`;
  const worker = await createWorker({
    config,
    taskQueue,
    connection,
    identity,
    activities: commerceActivities({ config, orm, workerIdentity: identity }),
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
  });
  const running = worker.run();
  console.log('worker ready');
  await running;
  await orm.close();
}

main().catch((error: unknown) => {
  console.error('child worker failed:', error);
  process.exit(1);
});
