import type { RunningSandbox } from './listen';

/**
 * A sandbox provider as its own process (`npm run sandbox:*`): starts it, says where it
 * listens, and on SIGINT or SIGTERM closes it once (a second signal while closing does
 * nothing) before exiting; a provider that cannot start ends the process with its reason.
 */
export function runSandboxProcess(name: string, start: () => Promise<RunningSandbox>): void {
  const main = async (): Promise<void> => {
    const sandbox = await start();
    console.log(`${name} listening on ${sandbox.url}`);

    let closing = false;
    const shutdown = () => {
      if (closing) return;
      closing = true;
      sandbox.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`${name} shutdown failed:`, error);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  };

  main().catch((error: unknown) => {
    console.error(`${name} failed to start:`, error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
