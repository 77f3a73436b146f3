import os from 'node:os';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from '../config/env';
import { createOrm } from '../db/orm';
import { poolOptions } from '../db/pool-settings';
import { dataConverterFor } from '../temporal/connection';
import type { TaskQueue } from '../workflows/shared/task-queues';

export interface WorkerSetup {
  config: Config;
  taskQueue: TaskQueue;
  activities: WorkerOptions['activities'];
  connection: NativeConnection;
  /** A prebuilt bundle (tests, production images); otherwise workflows/ is bundled at start. */
  workflowBundlePath?: string;
  identity?: string;
}

export function workerIdentity(taskQueue: TaskQueue): string {
  return `${taskQueue}-${process.pid}@${os.hostname()}`;
}

/** Builds a worker for one task queue with the project's data converter (encrypted payloads). */
export function createWorker(setup: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.config.TEMPORAL_NAMESPACE,
    taskQueue: setup.taskQueue,
    identity: setup.identity ?? workerIdentity(setup.taskQueue),
    activities: setup.activities,
    dataConverter: dataConverterFor(setup.config),
    ...(setup.workflowBundlePath
      ? { workflowBundle: { codePath: setup.workflowBundlePath } }
      : { workflowsPath: require.resolve('../workflows') }),
  });
}

export async function connectWorker(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
}

export interface WorkerProcessDeps {
  config: Config;
  orm: MikroORM;
  workerIdentity: string;
}

/**
 * The body of a worker entrypoint: build dependencies once, hand them to the activity
 * factories, run until SIGINT/SIGTERM (the SDK drains in-flight tasks), then close.
 */
export async function runWorkerProcess(
  taskQueue: TaskQueue,
  buildActivities: (deps: WorkerProcessDeps) => WorkerOptions['activities'],
  /** Idempotent start-up work that needs a client, such as creating the queue's schedules. */
  onStart?: (client: Client, deps: WorkerProcessDeps) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  const orm = await createOrm(config.DATABASE_URL, poolOptions(config, 'worker'));
  const connection = await connectWorker(config);
  const identity = workerIdentity(taskQueue);
  try {
    const deps = { config, orm, workerIdentity: identity };
    const worker = await createWorker({
      config,
      taskQueue,
      connection,
      identity,
      activities: buildActivities(deps),
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
    });
    if (onStart) {
      const client = new Client({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        dataConverter: dataConverterFor(config),
      });
      await onStart(client, deps);
    }
    console.log(`worker ${identity} polling task queue "${taskQueue}" on ${config.TEMPORAL_ADDRESS}`);
    await worker.run();
  } finally {
    await connection.close();
    await orm.close();
  }
}
