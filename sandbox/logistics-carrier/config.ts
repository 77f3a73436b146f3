import { z } from 'zod';
import { loadEnvSettings } from '../../config/env-settings';

/** Test credentials the sandbox accepts when none are configured: never secrets. */
export const DEFAULT_CARRIER_API_KEY = 'lk_test_storeops_logistics_sandbox';
export const DEFAULT_CARRIER_PORT = 3102;

/**
 * The sandbox carrier's own settings: it stands for another company's system, so it reads
 * its own variables. Its records live in the platform's database by default, in their own
 * schema `logistics_sandbox`. Webhooks go to the platform's `/webhooks/logistics/sandbox`,
 * signed with the secret the platform knows as LOGISTICS_WEBHOOK_SECRET.
 */
export const carrierConfigSchema = z.object({
  LOGISTICS_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_CARRIER_PORT),
  LOGISTICS_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  LOGISTICS_SANDBOX_API_KEY: z.string().min(16).default(DEFAULT_CARRIER_API_KEY),
  LOGISTICS_SANDBOX_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  LOGISTICS_SANDBOX_WEBHOOK_URL: z.url().default('http://127.0.0.1:3000/webhooks/logistics/sandbox'),
  LOGISTICS_SANDBOX_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type CarrierConfig = z.infer<typeof carrierConfigSchema>;

export function loadCarrierConfig(env: NodeJS.ProcessEnv = process.env): CarrierConfig {
  return loadEnvSettings(carrierConfigSchema, 'logistics sandbox', env);
}
