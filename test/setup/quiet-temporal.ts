// A green run is quiet: warnings and errors only, one line each, so a failure shows on the
// first screen (jest `setupFiles` of the workflow and integration projects). Must run
// before any worker or connection exists: the runtime is installed once per test file.
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

const printed = new Set<string>();

/**
 * `WARN Activity failed: activityType=… — <error message>`: no stack, no multi-line meta, and
 * each distinct line once per test file: an activity a test fails on purpose (a provider
 * down for an hour of skipped time) retried dozens of times with the very same line.
 */
function oneLine(entry: LogEntry): void {
  const meta = entry.meta ?? {};
  const keys = ['workflowType', 'activityType', 'taskQueue', 'workflowId'] as const;
  const context = keys.flatMap((key) => (meta[key] === undefined ? [] : [`${key}=${String(meta[key])}`]));
  const error = meta.error ?? meta.failure;
  const cause = error instanceof Error ? error.message : error === undefined ? '' : String(error);
  const line = `[temporal] ${entry.level} ${entry.message} ${context.join(' ')}${cause ? ` — ${cause}` : ''}\n`;
  if (printed.has(line)) return;
  printed.add(line);
  process.stderr.write(line);
}

Runtime.install({
  logger: new DefaultLogger('WARN', oneLine),
  // The Rust core logs its errors to stderr itself; its warnings about the test servers are
  // noise. (Forwarding core logs to this logger would poll and keep jest from exiting.)
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, console: {} } },
});
