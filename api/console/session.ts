import '@fastify/cookie';
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/env';
import type { ConsoleRole } from '../../db/entities/staff-user.entity';
import type { Principal } from '../../domain/principal';
import { hs256Signer, hs256Verifier, InvalidTokenError } from '../auth/tokens';

export const SESSION_COOKIE = 'storeops_console';

/**
 * The console's session: a short HS256 token in an HttpOnly, SameSite=Strict cookie,
 * signed with a key derived from AUTH_JWT_SECRET for this purpose only, so a session
 * cookie is never a valid API bearer token nor the other way round. It expires after
 * CONSOLE_SESSION_MINUTES; then staff sign in again.
 */
export function consoleSessions(config: Config) {
  const key = createHmac('sha256', config.AUTH_JWT_SECRET).update('storeops console session v1').digest('base64');
  const ttlSeconds = config.CONSOLE_SESSION_MINUTES * 60;
  const signer = hs256Signer(key, { defaultTtlSeconds: ttlSeconds });
  const verifier = hs256Verifier(key);
  const secure = config.NODE_ENV === 'production';

  return {
    start(reply: FastifyReply, user: { id: string; role: ConsoleRole }): void {
      const { token } = signer.sign({ sub: user.id, role: user.role });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/console',
        maxAge: ttlSeconds,
      });
    },
    end(reply: FastifyReply): void {
      reply.clearCookie(SESSION_COOKIE, { path: '/console' });
    },
    /** The signed-in console user, or undefined when there is no valid, unexpired session. */
    async principalOf(request: FastifyRequest): Promise<Principal | undefined> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return undefined;
      try {
        const principal = await verifier.verify(token);
        return ['staff', 'ops', 'auditor'].includes(principal.role) ? principal : undefined;
      } catch (error) {
        if (error instanceof InvalidTokenError) return undefined;
        throw error;
      }
    },
  };
}

export type ConsoleSessions = ReturnType<typeof consoleSessions>;
