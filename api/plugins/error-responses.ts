import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodType } from 'zod';
import { problemSchema } from '../shared/problem';

/** The media type of every error the API sends (RFC 9457; api/plugins/error-handler.ts). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Why each error status is sent, as the OpenAPI document tells clients. */
const reasons: Record<number, string> = {
  400: 'The request does not match the schema, or holds a NUL character: `errors` names each field.',
  401: 'No bearer token, or one that is invalid, expired or for another audience.',
  403: 'The token is valid but its role may not call this route.',
  404: 'No such object, or one the caller may not see.',
  409: 'The request conflicts with the current state (an Idempotency-Key reused with another body, a decision already taken…).',
  413: 'The body is larger than the API accepts (1 MiB).',
  415: 'The body is not application/json.',
  422: 'The request is well-formed but breaks a business rule: `errors` names the field.',
  429: 'Too many requests: wait for the time in the Retry-After header.',
  503: 'A dependency (PostgreSQL, Temporal) does not answer, or the API is shutting down.',
};

interface RouteSchema {
  hide?: boolean;
  body?: unknown;
  params?: unknown;
  response?: Record<string | number, unknown>;
}

/** A response entry that @fastify/swagger documents and Fastify serialises by content type. */
function problemResponse(status: number) {
  return { description: reasons[status] ?? 'Error', content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema } } };
}

/** The error statuses every route of this shape can send, whatever its handler does. */
function standardErrors(route: RouteOptions, schema: RouteSchema): number[] {
  const statuses = [400, 429, 503];
  if (route.config?.access !== 'public') statuses.push(401, 403);
  if (schema.params !== undefined) statuses.push(404);
  if (schema.body !== undefined) statuses.push(413, 415);
  return statuses;
}

/**
 * One place that makes the OpenAPI document say what the API really sends on error
 * (issue 10, defect 5; DESIGN.md "errors as application/problem+json"):
 *  - each status a route declares with `problemSchema` is documented, and serialised, as
 *    `application/problem+json`;
 *  - the statuses every route of its kind can send are added: 400 (validation, NUL guard),
 *    429 (rate limit), 503 (a dependency down, shutting down); 401/403 on routes that need
 *    a token; 404 on routes with path parameters; 413/415 on routes with a body.
 * Routes list only their own extras (409, 422, a 404 without params…). A status a route
 * documents with another schema (GET /readyz's 503) is left as the route says.
 * Registered after the auth plugin, whose onRoute hook settles each route's access rule.
 */
async function errorResponses(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as RouteSchema | undefined;
    if (!schema || schema.hide) return;
    const declared = schema.response ?? {};
    const response: Record<string, unknown> = {};
    for (const [status, entry] of Object.entries(declared))
      response[status] = (entry as ZodType) === problemSchema ? problemResponse(Number(status)) : entry;
    for (const status of standardErrors(route, schema)) response[status] ??= problemResponse(status);
    schema.response = response;
  });
}

export default fp(errorResponses, { name: 'error-responses', dependencies: ['auth'] });
