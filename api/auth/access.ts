import type { Role } from '../../domain/principal';

/**
 * Every route declares who may call it in its config (`config: { access: … }`); the auth
 * plugin refuses to start an app with a route that does not (T/QGCML 3125 §8.3.2).
 *  - 'public': anyone, no token needed;
 *  - { roles }: a valid bearer token with one of these roles (401 without, 403 with another).
 * Object ownership (a consumer's own order…) is checked in the handler's query, and a
 * foreign object is a 404 so its existence is not revealed.
 */
export type RouteAccess = 'public' | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
