import { existsSync, readdirSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { historiesDir, readHistory } from '../helpers/histories';
import { workflowBundle } from '../helpers/workflow-env';

/**
 * Recorded histories of real runs replay against today's workflow code: a change that
 * would break running executions (without `patched()`) fails here. New histories are
 * recorded by the workflow tests when RECORD_HISTORIES=1 (test/helpers/histories.ts).
 */
describe('replay of recorded workflow histories', () => {
  const files = existsSync(historiesDir)
    ? readdirSync(historiesDir).filter((file) => file.endsWith('.history.pb'))
    : [];

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('replays %s deterministically', async (file) => {
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, readHistory(file), file);
  });
});
