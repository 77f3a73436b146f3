import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../../config/env';

const secrets = {
  AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
  PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  LOGISTICS_WEBHOOK_SECRET: randomBytes(24).toString('base64url'),
};

describe('configuration, validated at start-up', () => {
  it('refuses to start in production without its secrets, naming each missing one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/storeops' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/storeops' });
    } catch (error) {
      expect((error as Error).message).toMatch(/AUTH_JWT_SECRET/);
      expect((error as Error).message).toMatch(/PII_ENCRYPTION_KEY/);
      expect((error as Error).message).toMatch(/LOGISTICS_WEBHOOK_SECRET/);
    }
  });

  it('starts in production when every secret is set, with documented defaults for the rest', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/storeops', ...secrets });

    expect(config).toMatchObject({ API_PORT: 3000, TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_NAMESPACE: 'default' });
  });

  it('fills development settings from the generated defaults, and an environment variable wins', () => {
    const config = loadConfig({ NODE_ENV: 'development', API_PORT: '4100', DATABASE_URL: 'postgres://elsewhere/db' });

    expect(config.API_PORT).toBe(4100);
    expect(config.DATABASE_URL).toBe('postgres://elsewhere/db');
    expect(Buffer.from(config.PII_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
  });

  it('rejects an encryption key that is not 32 bytes and a database URL that is not Postgres', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', ...secrets, DATABASE_URL: 'mysql://db/x', PII_ENCRYPTION_KEY: 'c2hvcnQ=' }),
    ).toThrow(
      /PII_ENCRYPTION_KEY: must be 32 bytes[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PII_ENCRYPTION_KEY: must be 32 bytes/,
    );
  });
});
