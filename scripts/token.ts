/**
 * Mints a development token for any role, signed with the configured AUTH_JWT_SECRET
 * (var/dev.env unless set in the environment). Refused in production.
 *   npm run -s token -- --role staff --sub s-1 [--merchant-id m-1] [--carrier-id c-1] [--ttl 8h]
 * Prints only the token on stdout, so `TOKEN=$(npm run -s token -- --role ops --sub o-1)` works.
 */
import { parseArgs } from 'node:util';
import { hs256Signer, MAX_TOKEN_TTL_SECONDS } from '../api/auth/tokens';
import { loadConfig } from '../config/env';
import { roles } from '../domain/principal';

const usage = `usage: npm run -s token -- --role <${roles.join('|')}> --sub <id>
       [--merchant-id <id>] (merchant) [--carrier-id <id>] (courier) [--ttl <n>[s|m|h|d], default 8h]`;

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
  if (!values.role || !values.sub) throw new Error(`--role and --sub are required\n${usage}`);
  const config = loadConfig();
  if (config.NODE_ENV === 'production') throw new Error('refused: development tokens are not minted in production');

  const signer = hs256Signer(config.AUTH_JWT_SECRET);
  const issued = signer.sign(
    {
      sub: values.sub,
      role: values.role as (typeof roles)[number],
      merchantId: values['merchant-id'],
      carrierId: values['carrier-id'],
    },
    parseTtl(values.ttl),
  );
  console.log(issued.token);
  console.error(`${values.role} ${values.sub}, valid until ${issued.expiresAt.toISOString()}`);
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
