import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { ForbiddenError } from '../../domain/errors';
import { roleSchema, type Principal } from '../../domain/principal';
import type { RouteAccess } from '../auth/access';
import { InvalidTokenError, refusalDetail, type TokenVerifier } from '../auth/tokens';
import { sendProblem } from './error-handler';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller; null on public routes (api/auth/access.ts). */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route and who may call it, in registration order: the access matrix. */
    routeAccess: readonly RouteAccessEntry[];
  }
}

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

export interface AuthPluginOptions {
  verifier: TokenVerifier;
}

const routeAccessSchema = z.union([z.literal('public'), z.object({ roles: z.array(roleSchema).min(1) }).strict()]);

/**
 * Routes that plugins add for themselves and that must stay reachable without a token:
 * the OpenAPI document and its UI (all hidden from the document), and the CORS preflight
 * route, which browsers send without credentials by design. Nothing else is exempt.
 */
function pluginRouteAccess(route: RouteOptions): RouteAccess | undefined {
  const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
  if (!hidden) return undefined;
  const docs = route.url === '/openapi.json' || route.url === '/docs' || route.url.startsWith('/docs/');
  const corsPreflight = route.method === 'OPTIONS' && route.url === '*';
  return docs || corsPreflight ? 'public' : undefined;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** `refused`: the token that was sent and why it failed; undefined when none was sent. */
function unauthorized(request: FastifyRequest, reply: FastifyReply, refused?: InvalidTokenError): FastifyReply {
  // RFC 6750 §3: the challenge, and error="invalid_token" when a token was sent but refused.
  reply.header(
    'www-authenticate',
    refused ? 'Bearer realm="storeops", error="invalid_token"' : 'Bearer realm="storeops"',
  );
  return sendProblem(reply, request, {
    status: 401,
    title: refused ? 'Invalid bearer token' : 'Bearer token required',
    detail: refused ? refusalDetail(refused) : 'This route needs a bearer token.',
  });
}

/**
 * Identity and access (T/QGCML 3125 §8.3.1, §8.3.2): every route declares who may call it
 * (`config.access`, api/auth/access.ts) and the app refuses to start otherwise; every
 * non-public route gets the check below as its own onRequest hook, after the rate limiter
 * (registered earlier) so token guessing is rate-limited too, and before the body is
 * parsed, so an unauthenticated caller learns nothing from validation errors.
 *   no or malformed or refused token → 401 with WWW-Authenticate; a role not allowed → 403.
 * Object ownership is checked by the route's query (api/auth/ownership.ts) → 404.
 */
async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const entries: RouteAccessEntry[] = [];
  app.decorate('routeAccess', entries);
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const declared = route.config?.access ?? pluginRouteAccess(route);
    const methods = ([] as string[]).concat(route.method);
    if (declared === undefined)
      throw new Error(
        `route ${methods.join(',')} ${route.url} declares no access rule: add config: { access: 'public' | { roles: [...] } }`,
      );
    const parsed = routeAccessSchema.safeParse(declared);
    if (!parsed.success)
      throw new Error(`route ${methods.join(',')} ${route.url} has an invalid access rule: ${parsed.error.message}`);
    const access: RouteAccess = parsed.data;
    route.config = { ...route.config, access };
    for (const method of methods) entries.push({ method, url: route.url, access });
    if (access === 'public') {
      // Anyone may call it; a valid token still says who calls, for a richer view (a
      // merchant reading its own public page). A refused token is ignored: anonymous.
      const own = route.onRequest === undefined ? [] : ([] as unknown[]).concat(route.onRequest);
      route.onRequest = [...own, identifyIfPresent] as RouteOptions['onRequest'];
      return;
    }

    // A new array: the route's own hooks (e.g. its rate limiter) run first, then this one.
    const own = route.onRequest === undefined ? [] : ([] as unknown[]).concat(route.onRequest);
    route.onRequest = [...own, authenticate(access.roles)] as RouteOptions['onRequest'];
    documentSecurity(route);
  });

  const identifyIfPresent: onRequestAsyncHookHandler = async function identifyIfPresent(request) {
    const token = bearerToken(request);
    if (token === undefined) return;
    try {
      request.principal = await options.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
    }
  };

  function authenticate(roles: readonly Principal['role'][]): onRequestAsyncHookHandler {
    return async function authenticateRequest(request, reply) {
      const token = bearerToken(request);
      if (token === undefined)
        return unauthorized(
          request,
          reply,
          request.headers.authorization === undefined
            ? undefined
            : new InvalidTokenError('malformed', 'the Authorization header is not "Bearer <token>"'),
        );
      let principal: Principal;
      try {
        principal = await options.verifier.verify(token);
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
        request.log.info({ reason: error.reason }, 'bearer token refused');
        return unauthorized(request, reply, error);
      }
      if (!roles.includes(principal.role)) {
        request.log.info({ sub: principal.sub, role: principal.role }, 'role not allowed on this route');
        throw new ForbiddenError(`This route is not open to the role "${principal.role}".`);
      }
      request.principal = principal;
    };
  }
}

/** The OpenAPI document shows which routes need a token (their 401/403: api/plugins/error-responses.ts). */
function documentSecurity(route: RouteOptions): void {
  if (!route.schema) return;
  const schema = route.schema as { security?: unknown };
  schema.security ??= [{ bearer: [] }];
}

/** The principal of a route that is not public (the auth hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`no principal on ${request.method} ${request.url}: is the route public?`);
  return request.principal;
}

export default fp(authPlugin, { name: 'auth', dependencies: ['error-handler'] });
