import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { TEST_ENV } from '../setup/test-services';

/**
 * The time-skipping test server from the executable that scripts/bootstrap.sh
 * installed (never a download at run time).
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env[TEST_ENV.testServer];
  if (!path)
    throw new Error('TEMPORAL_TEST_SERVER is not set: run workflow tests through jest (its global setup sets it)');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

/**
 * One time-skipping server for the enclosing `describe` block: started before its tests,
 * torn down after them. Returns a getter, read inside tests and hooks once it has started.
 */
export function useTimeSkippingEnv(): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());
  return () => {
    if (!env) throw new Error('the time-skipping server is not started: read it inside a test or hook');
    return env;
  };
}

/** The workflow bundle the global setup built once for this run. */
export function workflowBundle(): { codePath: string } {
  const codePath = process.env[TEST_ENV.workflowBundle];
  if (!codePath) throw new Error('WORKFLOW_BUNDLE_PATH is not set: run workflow tests through jest');
  return { codePath };
}

/**
 * Runs `body` while a worker with these (fake) activities serves `taskQueue` on the
 * time-skipping server, and shuts the worker down when it settles: the one way every
 * workflow test drives a process.
 */
export async function runOnWorker<T>(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: object,
  body: () => Promise<T>,
): Promise<T> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities,
  });
  return worker.runUntil(body);
}
