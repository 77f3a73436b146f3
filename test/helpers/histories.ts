import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const historiesDir = path.join(__dirname, '..', 'workflow', 'histories');

/**
 * Saves a finished workflow's history as a replay fixture (protobuf, as the server stores
 * it), only when RECORD_HISTORIES=1: run the workflow tests that way once when a process
 * is released or changed on purpose, and commit the files.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  writeFileSync(
    path.join(historiesDir, `${name}.history.pb`),
    temporal.api.history.v1.History.encode(history).finish(),
  );
}

export function readHistory(file: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.decode(readFileSync(path.join(historiesDir, file)));
}
