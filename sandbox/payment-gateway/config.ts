import { z } from 'zod';
import { loadEnvSettings } from '../../config/env-settings';

/** The key the sandbox accepts when none is configured: a test key, never a secret. */
export const DEFAULT_SANDBOX_API_KEY = 'sk_test_storeops_payment_sandbox';
export const DEFAULT_SANDBOX_PORT = 3101;

/**
 * The sandbox gateway's own settings (it stands for another company's system, so it
 * reads its own variables, not the platform's config). The database defaults to the
 * platform's DATABASE_URL: the ledger lives there in its own schema, `payment_sandbox`.
 */
export const sandboxConfigSchema = z.object({
  PAYMENT_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_SANDBOX_PORT),
  PAYMENT_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  PAYMENT_SANDBOX_API_KEY: z.string().min(16, 'must be at least 16 characters').default(DEFAULT_SANDBOX_API_KEY),
  PAYMENT_SANDBOX_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PAYMENT_SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  PAYMENT_SANDBOX_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  PAYMENT_SANDBOX_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;

export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  return loadEnvSettings(sandboxConfigSchema, 'payment sandbox', env);
}
