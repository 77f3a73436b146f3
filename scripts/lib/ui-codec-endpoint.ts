import { hs256Signer, MAX_TOKEN_TTL_SECONDS } from '../../api/auth/tokens';
import type { Config } from '../../config/env';

/**
 * Where the Web UI asks the API to decode payloads. The UI sends no credentials, so the
 * endpoint carries a staff token (api/codec/routes.ts); it lives as long as tokens may,
 * and each start mints anew. The dev server's UI and the cluster's use the same one.
 */
export function uiCodecEndpoint(config: Pick<Config, 'AUTH_JWT_SECRET'>, apiUrl: string): string {
  const token = hs256Signer(config.AUTH_JWT_SECRET).sign(
    { sub: 'temporal-web-ui', role: 'staff' },
    MAX_TOKEN_TTL_SECONDS,
  ).token;
  return `${apiUrl}/codec/ui/${token}`;
}
