import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { varDir } from './paths';

/**
 * Port of the project's own PostgreSQL cluster under var/ (not the system's 5432);
 * STOREOPS_PG_PORT moves it, e.g. for a second checkout on the same machine.
 */
export const LOCAL_PG_PORT = Number(process.env.STOREOPS_PG_PORT ?? 55432);
export const LOCAL_DATABASE_URL = `postgres://storeops:storeops@127.0.0.1:${LOCAL_PG_PORT}/storeops`;

export const devDefaultsFile = path.join(varDir, 'dev.env');

/**
 * Development defaults: generated once, kept in var/dev.env, and re-read on every start
 * so that tokens and encrypted payloads survive restarts. Never used in production.
 */
export function readDevDefaults(): Record<string, string> {
  if (!existsSync(devDefaultsFile)) {
    mkdirSync(varDir, { recursive: true });
    const generated = [
      '# Generated once by StoreOps for development. Environment variables override these.',
      `AUTH_JWT_SECRET=${randomBytes(32).toString('base64url')}`,
      `PII_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`,
      `LOGISTICS_WEBHOOK_SECRET=${randomBytes(24).toString('base64url')}`,
      '',
    ].join('\n');
    try {
      writeFileSync(devDefaultsFile, generated, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process (a worker started alongside the API) generated them first.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  // The local cluster's URL follows STOREOPS_PG_PORT, so it is computed, not stored.
  return { ...parseEnvFile(readFileSync(devDefaultsFile, 'utf8')), DATABASE_URL: LOCAL_DATABASE_URL };
}

export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] && match[2] !== undefined) values[match[1]] = match[2];
  }
  return values;
}
