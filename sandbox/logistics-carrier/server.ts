import { loadConfig } from '../../config/env';
import { loadCarrierConfig } from './config';
import { startLogisticsCarrier } from './start';

/** `npm run sandbox:logistics`: the carrier as its own process; everything else is in start.ts. */
async function main(): Promise<void> {
  const config = loadCarrierConfig();
  const platform = loadConfig();
  const carrier = await startLogisticsCarrier({
    databaseUrl: config.LOGISTICS_SANDBOX_DATABASE_URL ?? platform.DATABASE_URL,
    port: config.LOGISTICS_SANDBOX_PORT,
    host: config.LOGISTICS_SANDBOX_HOST,
    apiKey: config.LOGISTICS_SANDBOX_API_KEY,
    webhookUrl: config.LOGISTICS_SANDBOX_WEBHOOK_URL,
    // The shared secret both sides hold; in development the platform's generated one.
    webhookSecret: platform.LOGISTICS_WEBHOOK_SECRET,
    logLevel: config.LOGISTICS_SANDBOX_LOG_LEVEL,
  });
  console.log(`logistics sandbox listening on ${carrier.url}`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    carrier.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('logistics sandbox shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('logistics sandbox failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
