import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { varDir } from '../../config/paths';
import { ensureToolchain } from '../../platform/toolchain';
import { ensureTestWorkflowBundle, TEST_ENV } from './test-services';

/** Workflow tests: the time-skipping test server's executable and the workflow bundle. */
export default async function workflowGlobalSetup(): Promise<void> {
  process.env[TEST_ENV.testServer] = quietTestServer(ensureToolchain().temporalTestServer);
  await ensureTestWorkflowBundle();
}

/**
 * The Java test server ships no SLF4J binding, so every start (one per test file) printed
 * SLF4J's three lines about falling back to its no-op logger. This wrapper drops those lines
 * only; anything else the server writes to stderr still shows. `exec` keeps the server the
 * process the SDK started and stops.
 */
function quietTestServer(executable: string): string {
  const file = path.join(varDir, 'test', 'quiet-temporal-test-server.sh');
  mkdirSync(path.dirname(file), { recursive: true });
  const script = [
    '#!/usr/bin/env bash',
    `exec ${JSON.stringify(executable)} "$@" 2> >(grep --line-buffered -v '^SLF4J: ' >&2)`,
    '',
  ].join('\n');
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return file;
}
