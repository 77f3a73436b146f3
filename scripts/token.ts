/**
 * Mints a development token for any role, signed with the configured AUTH_JWT_SECRET
 * (var/dev.env unless set in the environment). Refused in production.
 *   npm run -s token -- --role staff [--sub <uuid>] [--merchant-id <uuid>] [--carrier-id <uuid>] [--ttl 8h]
 * Ids are UUIDs, as the API checks (a new random `sub` when none is given).
 * Prints only the token on stdout, so `TOKEN=$(npm run -s token -- --role ops)` works.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hs256Signer, MAX_TOKEN_TTL_SECONDS } from '../api/auth/tokens';
import { loadConfig } from '../config/env';
import { roles } from '../domain/principal';

const usage = `usage: npm run -s token -- --role <${roles.join('|')}> [--sub <uuid>, default a new one]
       [--merchant-id <uuid>] (merchant) [--carrier-id <uuid>] (courier) [--ttl <n>[s|m|h|d], default 8h]`;

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `30m`, `8h`, `2d` → seconds. */
function parseTtl(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match) throw new Error(`--ttl ${text}: expected a number with an optional unit s, m, h or d`);
  const seconds = Number(match[1]) * (unitSeconds[match[2] || 's'] ?? 1);
  if (seconds < 1 || seconds > MAX_TOKEN_TTL_SECONDS)
    throw new Error(`--ttl ${text}: must be between 1 s and ${MAX_TOKEN_TTL_SECONDS / 86_400} days`);
  return seconds;
}

function main(): void {
  if (process.env.NODE_ENV === 'production')
    throw new Error('refused: development tokens are not minted in production (NODE_ENV=production)');
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      'merchant-id': { type: 'string' },
      'carrier-id': { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.role) throw new Error(`--role is required\n${usage}`);
  const sub = values.sub ?? randomUUID();
  const config = loadConfig();
  if (config.NODE_ENV === 'production') throw new Error('refused: development tokens are not minted in production');

  const signer = hs256Signer(config.AUTH_JWT_SECRET);
  const issued = signer.sign(
    {
      sub,
      role: values.role as (typeof roles)[number],
      merchantId: values['merchant-id'],
      carrierId: values['carrier-id'],
    },
    parseTtl(values.ttl),
  );
  console.log(issued.token);
  console.error(`${values.role} ${sub}, valid until ${issued.expiresAt.toISOString()}`);
}

try {
  main();
} catch (error) {
  const message =
    error instanceof Error && 'issues' in error && Array.isArray(error.issues)
      ? error.issues
          .map((issue: { path: unknown[]; message: string }) => `${issue.path.join('.') || 'role'}: ${issue.message}`)
          .join('\n')
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(message);
  process.exit(1);
}
