import { ensureToolchain } from '../../platform/toolchain';
import { ensureTestWorkflowBundle, TEST_ENV } from './test-services';

/** Workflow tests: the time-skipping test server's executable and the workflow bundle. */
export default async function workflowGlobalSetup(): Promise<void> {
  process.env[TEST_ENV.testServer] = ensureToolchain().temporalTestServer;
  await ensureTestWorkflowBundle();
}
