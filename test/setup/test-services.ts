import path from 'node:path';
import { varDir } from '../../config/paths';
import { writeWorkflowBundle } from '../../platform/workflow-bundle';

/** Where the global setups leave what the test files need (read through process.env). */
export const TEST_ENV = {
  workflowBundle: 'WORKFLOW_BUNDLE_PATH',
  testServer: 'TEMPORAL_TEST_SERVER',
} as const;

/** Bundles workflows/ once per jest run, for every project that needs it. */
export async function ensureTestWorkflowBundle(): Promise<void> {
  if (process.env[TEST_ENV.workflowBundle]) return;
  const file = path.join(varDir, 'test', `workflow-bundle-${process.pid}.js`);
  process.env[TEST_ENV.workflowBundle] = await writeWorkflowBundle(file);
}
