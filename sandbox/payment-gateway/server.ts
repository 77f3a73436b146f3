import { loadConfig } from '../../config/env';
import { runSandboxProcess } from '../shared/run-process';
import { loadSandboxConfig } from './config';
import { startPaymentGateway } from './start';

/** `npm run sandbox:payments`: the gateway as its own process; everything else is in start.ts. */
runSandboxProcess('payment sandbox', () => {
  const config = loadSandboxConfig();
  // The ledger lives in the platform's database by default, in its own schema.
  const databaseUrl = config.PAYMENT_SANDBOX_DATABASE_URL ?? loadConfig().DATABASE_URL;
  return startPaymentGateway({
    databaseUrl,
    port: config.PAYMENT_SANDBOX_PORT,
    host: config.PAYMENT_SANDBOX_HOST,
    apiKey: config.PAYMENT_SANDBOX_API_KEY,
    faults: { latencyMs: config.PAYMENT_SANDBOX_LATENCY_MS, failureRate: config.PAYMENT_SANDBOX_FAILURE_RATE },
    logLevel: config.PAYMENT_SANDBOX_LOG_LEVEL,
  });
});
