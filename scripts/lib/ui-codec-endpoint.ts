import { codecUiToken } from '../../api/auth/tokens';
import type { Config } from '../../config/env';

/**
 * Where the Web UI asks the API to decode payloads. The UI sends no credentials, so the
 * endpoint carries a staff token for the codec audience only (api/codec/routes.ts): it
 * opens the codec routes and nothing else. It lives as long as tokens may, and each start
 * mints anew. The dev server's UI and the cluster's use the same one.
 */
export function uiCodecEndpoint(config: Pick<Config, 'AUTH_JWT_SECRET'>, apiUrl: string): string {
  return `${apiUrl}/codec/ui/${codecUiToken(config.AUTH_JWT_SECRET)}`;
}
