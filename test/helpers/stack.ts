import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { loadConfig, type Config } from '../../config/env';
import { createOrm } from '../../db/orm';
import { createTemporalClient } from '../../temporal/connection';
import { commerceActivities, opsActivities } from '../../workers/activities';
import { createWorker, workerIdentity } from '../../workers/run-worker';
import { TASK_QUEUES, type TaskQueue } from '../../workflows/shared/task-queues';
import { startTestPaymentGateway, type TestPaymentGateway } from './payment-gateway';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server';
import { createTestNamespace } from './temporal-namespace';

export interface TestStack {
  config: Config;
  app: FastifyInstance;
  orm: MikroORM;
  temporal: Client;
  /** The sandbox payment gateway the workers pay through, with its ledger. */
  paymentSandbox: TestPaymentGateway;
  /** The SMTP server the workers send mail to, with what it received. */
  smtp: SmtpTestServer;
  close(): Promise<void>;
}

/**
 * The API's log as usual (stdout, LOG_LEVEL warn in tests), less its start-up notice that the
 * machine clock's next year has no statutory-holiday data: a fact about the day the tests
 * run, not about a test, that every file's API printed again. The notice itself is tested
 * where the API serves it (test/integration/commitments).
 */
const apiLogWithoutStartupNotices = {
  write(line: string): void {
    if (!line.includes('"msg":"service calendar: statutory-holiday data missing')) process.stdout.write(line);
  },
};

const activitiesFor = { [TASK_QUEUES.commerce]: commerceActivities, [TASK_QUEUES.ops]: opsActivities };

/**
 * The real stack for integration tests, in this process: the API (driven with
 * app.inject), workers for the given task queues with their real activities, the test
 * database and the test Temporal server that the global setup started, in a namespace of
 * the stack's own.
 */
export async function startTestStack(options: { workers: TaskQueue[]; config?: Partial<Config> }): Promise<TestStack> {
  // The gateway keeps its ledger beside the stack's data, so a test on a private database
  // also has the provider's settlements to itself.
  const paymentSandbox = await startTestPaymentGateway(options.config?.DATABASE_URL);
  const smtp = await startSmtpTestServer();
  const base = loadConfig();
  const config: Config = {
    ...base,
    // Its own namespace: no other file's workflows reach these workers (test/helpers/temporal-namespace.ts).
    TEMPORAL_NAMESPACE: await createTestNamespace(options.config?.TEMPORAL_ADDRESS ?? base.TEMPORAL_ADDRESS),
    PAYMENT_SANDBOX_URL: paymentSandbox.gateway.url,
    PAYMENT_SANDBOX_API_KEY: paymentSandbox.apiKey,
    SMTP_URL: smtp.url,
    ...options.config,
  };
  const orm = await createOrm(config.DATABASE_URL);
  const temporal = await createTemporalClient(config);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const workers: Worker[] = [];
  for (const taskQueue of options.workers) {
    const identity = workerIdentity(taskQueue);
    workers.push(
      await createWorker({
        config,
        taskQueue,
        connection,
        identity,
        activities: activitiesFor[taskQueue]({ config, orm, workerIdentity: identity }),
        workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
      }),
    );
  }
  const running = workers.map((worker) => worker.run());
  const app = await buildApp({ config, orm, temporal, logStream: apiLogWithoutStartupNotices });

  return {
    config,
    app,
    orm,
    temporal,
    paymentSandbox,
    smtp,
    async close() {
      await app.close();
      for (const worker of workers) worker.shutdown();
      await Promise.all(running);
      await connection.close();
      await temporal.connection.close();
      await paymentSandbox.close();
      await smtp.close();
      await orm.close();
    },
  };
}
