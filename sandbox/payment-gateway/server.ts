import { loadConfig } from '../../config/env';
import { loadSandboxConfig } from './config';
import { startPaymentGateway } from './start';

/** `npm run sandbox:payments`: the gateway as its own process; everything else is in start.ts. */
async function main(): Promise<void> {
  const config = loadSandboxConfig();
  // The ledger lives in the platform's database by default, in its own schema.
  const databaseUrl = config.PAYMENT_SANDBOX_DATABASE_URL ?? loadConfig().DATABASE_URL;
  const gateway = await startPaymentGateway({
    databaseUrl,
    port: config.PAYMENT_SANDBOX_PORT,
    host: config.PAYMENT_SANDBOX_HOST,
    apiKey: config.PAYMENT_SANDBOX_API_KEY,
    faults: { latencyMs: config.PAYMENT_SANDBOX_LATENCY_MS, failureRate: config.PAYMENT_SANDBOX_FAILURE_RATE },
    logLevel: config.PAYMENT_SANDBOX_LOG_LEVEL,
  });
  console.log(`payment sandbox listening on ${gateway.url}`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('payment sandbox shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('payment sandbox failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
