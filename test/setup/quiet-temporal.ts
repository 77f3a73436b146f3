// A green run is quiet: warnings and errors only, one line each, so a failure shows on the
// first screen (jest `setupFiles` of the workflow and integration projects). Must run
// before any worker or connection exists: the runtime is installed once per test file.
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

/** `WARN Activity failed: activityType=… — <error message>`: no stack, no multi-line meta. */
function oneLine(entry: LogEntry): void {
  const meta = entry.meta ?? {};
  const keys = ['workflowType', 'activityType', 'taskQueue', 'workflowId'] as const;
  const context = keys.flatMap((key) => (meta[key] === undefined ? [] : [`${key}=${String(meta[key])}`]));
  const error = meta.error ?? meta.failure;
  const cause = error instanceof Error ? error.message : error === undefined ? '' : String(error);
  process.stderr.write(
    `[temporal] ${entry.level} ${entry.message} ${context.join(' ')}${cause ? ` — ${cause}` : ''}\n`,
  );
}

Runtime.install({
  logger: new DefaultLogger('WARN', oneLine),
  // The Rust core logs its errors to stderr itself; its warnings about the test servers are
  // noise. (Forwarding core logs to this logger would poll and keep jest from exiting.)
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, console: {} } },
});
