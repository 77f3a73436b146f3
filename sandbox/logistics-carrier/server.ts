import { loadConfig } from '../../config/env';
import { runSandboxProcess } from '../shared/run-process';
import { loadCarrierConfig } from './config';
import { startLogisticsCarrier } from './start';

/** `npm run sandbox:logistics`: the carrier as its own process; everything else is in start.ts. */
runSandboxProcess('logistics sandbox', () => {
  const config = loadCarrierConfig();
  const platform = loadConfig();
  return startLogisticsCarrier({
    databaseUrl: config.LOGISTICS_SANDBOX_DATABASE_URL ?? platform.DATABASE_URL,
    port: config.LOGISTICS_SANDBOX_PORT,
    host: config.LOGISTICS_SANDBOX_HOST,
    apiKey: config.LOGISTICS_SANDBOX_API_KEY,
    webhookUrl: config.LOGISTICS_SANDBOX_WEBHOOK_URL,
    // The shared secret both sides hold; in development the platform's generated one.
    webhookSecret: platform.LOGISTICS_WEBHOOK_SECRET,
    logLevel: config.LOGISTICS_SANDBOX_LOG_LEVEL,
  });
});
