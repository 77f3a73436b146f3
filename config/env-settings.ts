import type { z } from 'zod';
import { ConfigError } from './env';

/**
 * Settings read from the environment through their schema: unset and empty variables take
 * the schema's defaults, and one ConfigError names every variable that is wrong, so a
 * bad start says all it needs at once. Serves the cluster topology and each sandbox
 * provider, which read variables of their own beside the platform's (config/env.ts).
 */
export function loadEnvSettings<Schema extends z.ZodType>(
  schema: Schema,
  what: string,
  env: NodeJS.ProcessEnv,
): z.output<Schema> {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid ${what} configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
