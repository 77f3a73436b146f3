import { z } from 'zod';
import { readDevDefaults } from './dev-defaults';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** 32 bytes, base64: the AES-256-GCM key for Temporal payloads and data at rest. */
const aes256Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

/** Requests per minute, by default (api/plugins/security.ts; README "Rate limits"). */
export const RATE_LIMIT_DEFAULTS = {
  /** Per authenticated principal (the token's `sub`), on every route it calls. */
  perPrincipal: 600,
  /** Per client address, for callers without a valid token. */
  perAddress: 300,
  /** Per address on /auth/register and /auth/login together (credential stuffing). */
  auth: 30,
  /** Per address and account on /auth/login (password guessing). */
  login: 10,
} as const;

const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

/**
 * Every setting StoreOps reads, validated at start-up (names documented in the README's Configuration).
 * Secrets have no default here: development gets generated ones from var/ (see
 * loadConfig), production must set them.
 */
/** The platform's own licences, disclosed on /disclosures/platform (T/QGCML 3125 §4.1.2, §4.5). */
const platformLicences = z.array(
  z.object({
    type: z.string().min(1).max(100),
    number: z.string().min(1).max(64),
    issuer: z.string().min(1).max(200),
    validUntil: z.iso.date().optional(),
  }),
);
const DEV_LICENCES = JSON.stringify([
  {
    type: 'Business licence (营业执照)',
    number: 'DEV-91310000-0000',
    issuer: 'Development only: set PLATFORM_LICENCES',
  },
  {
    type: 'Value-added telecom licence (ICP)',
    number: 'DEV-ICP-0000',
    issuer: 'Development only: set PLATFORM_LICENCES',
  },
]);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** Connections per process (API or worker); db/pool-settings.ts. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** How long a request or activity may wait for a free pooled connection. */
  DATABASE_POOL_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** API sessions: requests are short; a statement or an open transaction past these is a fault. */
  DATABASE_API_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  DATABASE_API_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** Worker sessions: activities run reports, reconciliations and drill checks, so longer. */
  DATABASE_WORKER_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(300_000),
  DATABASE_WORKER_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  PII_ENCRYPTION_KEY: aes256Key,
  SMTP_URL: z.string().min(1).default('file:var/mail'),
  MAIL_FROM: z.string().min(3).default('StoreOps <noreply@storeops.local>'),
  /** Where mail for platform staff (escalations, discrepancies) and ops (drill reports) goes. */
  STAFF_MAIL_TO: z.email().default('staff@storeops.local'),
  OPS_MAIL_TO: z.email().default('ops@storeops.local'),
  /** Where refund notices go (T/QGCML 3125 §6.4: the platform and the bank are told of a refund). */
  FINANCE_MAIL_TO: z.email().default('finance@storeops.local'),
  PAYMENT_PROVIDER: z.enum(['sandbox']).default('sandbox'),
  /** Where the sandbox payment gateway listens (started by `npm start` and the tests). */
  PAYMENT_SANDBOX_URL: z.url().default('http://127.0.0.1:3101'),
  PAYMENT_SANDBOX_API_KEY: z.string().min(16).default('sk_test_storeops_payment_sandbox'),
  LOGISTICS_PROVIDER: z.enum(['sandbox']).default('sandbox'),
  LOGISTICS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters'),
  /** Where the sandbox logistics carrier listens (started by `npm start` and the tests). */
  LOGISTICS_SANDBOX_URL: z.url().default('http://127.0.0.1:3102'),
  LOGISTICS_SANDBOX_API_KEY: z.string().min(16).default('lk_test_storeops_logistics_sandbox'),
  /**
   * T/QGCML 3125 §4.8 advance compensation above this amount (minor units, fen) needs a
   * second, different staff member's approval. Default ¥500.
   */
  ADVANCE_COMPENSATION_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).default(50_000),
  RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: perMinute(RATE_LIMIT_DEFAULTS.perPrincipal),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: perMinute(RATE_LIMIT_DEFAULTS.perAddress),
  RATE_LIMIT_AUTH_PER_MINUTE: perMinute(RATE_LIMIT_DEFAULTS.auth),
  RATE_LIMIT_LOGIN_PER_MINUTE: perMinute(RATE_LIMIT_DEFAULTS.login),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Addresses of reverse proxies whose X-Forwarded-For the API believes (Fastify's
   * trustProxy), e.g. 127.0.0.1 behind the cluster topology's HAProxy; unset: none.
   */
  TRUST_PROXY: z.string().min(1).optional(),
  /** Rate-limit counters per API process (memory) or shared by all instances (postgres; api/plugins/rate-limit-store.ts). */
  RATE_LIMIT_STORE: z.enum(['memory', 'postgres']).default('memory'),
  LOG_LEVEL: logLevel.default('info'),
  /** Who runs the platform, shown on the public disclosure pages and the privacy notice (§4.5, §7.2). */
  PLATFORM_NAME: z.string().min(1).max(200).default('StoreOps development platform'),
  PLATFORM_OPERATOR: z.string().min(1).max(200).default('StoreOps Development Co., Ltd. (not a real company)'),
  PLATFORM_CONTACT_EMAIL: z.email().default('privacy@storeops.local'),
  /** A JSON array of { type, number, issuer, validUntil? }. */
  PLATFORM_LICENCES: z
    .string()
    .default(DEV_LICENCES)
    .transform((raw, ctx) => {
      const parsed = (() => {
        try {
          return platformLicences.safeParse(JSON.parse(raw));
        } catch {
          return undefined;
        }
      })();
      if (parsed?.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of { type, number, issuer, validUntil? }' });
      return z.NEVER;
    }),
  /** The Temporal Web UI the console links each process to. */
  TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
  /** How long a console login lasts before staff sign in again. */
  CONSOLE_SESSION_MINUTES: z.coerce.number().int().min(5).max(720).default(60),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the configuration from the environment. Outside production, anything unset is
 * filled from the development defaults generated once under var/ (an environment
 * variable always wins); production refuses to start without its secrets.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const source = production ? env : { ...readDevDefaults(), ...definedOnly(env) };
  const parsed = configSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
