import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError } from '../../domain/errors';
import type { Problem } from '../shared/problem';
import { isDependencyUnavailable } from '../shared/unavailable';

/** What a 503 for a dependency that does not answer asks the client to wait. */
const RETRY_UNAVAILABLE_AFTER_SECONDS = 5;

const statusOfKind: Record<DomainError['kind'], number> = {
  not_found: 404,
  conflict: 409,
  invalid: 422,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: Omit<Problem, 'type' | 'title'> & { title?: string },
): FastifyReply {
  const body: Problem = {
    type: 'about:blank',
    title: problem.title ?? titles[problem.status] ?? 'Error',
    ...problem,
    instance: request.url,
    requestId: String(request.id),
  };
  return reply.code(problem.status).type('application/problem+json').send(body);
}

/** `/items/0/quantity` in the body → `body.items[0].quantity`: the field as a client names it. */
function fieldPath(context: string, instancePath: string): string {
  return instancePath
    .split('/')
    .filter((segment) => segment !== '')
    .reduce<string>((acc, key) => (/^\d+$/.test(key) ? `${acc}[${key}]` : `${acc}.${key}`), context);
}

/**
 * The one error handler: every error leaves as application/problem+json. Validation
 * errors list the failing fields; PostgreSQL or Temporal not answering is a 503 with
 * Retry-After; anything unexpected is a 500 that reveals nothing.
 */
async function errorHandler(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'body';
      return sendProblem(reply, request, {
        status: 400,
        detail: 'The request does not match the schema.',
        errors: error.validation.map((issue) => ({
          field: fieldPath(context, issue.instancePath),
          message: issue.message ?? 'is invalid',
        })),
      });
    }
    if (error instanceof DomainError) {
      const status = statusOfKind[error.kind];
      return sendProblem(reply, request, {
        status,
        detail: error.message,
        ...('field' in error && typeof error.field === 'string'
          ? { errors: [{ field: error.field, message: error.message }] }
          : {}),
      });
    }
    if (isDependencyUnavailable(error)) {
      request.log.error({ err: error }, 'a dependency does not answer');
      reply.header('retry-after', String(RETRY_UNAVAILABLE_AFTER_SECONDS));
      return sendProblem(reply, request, {
        status: 503,
        detail: 'A service the API depends on does not answer; try again shortly.',
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500 || isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, request, { status: status >= 500 ? status : 500 });
    }
    // Fastify's own 4xx (malformed JSON, wrong content type, body too large, rate limit).
    return sendProblem(reply, request, { status, detail: error.message });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, { status: 404, detail: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}

export default fp(errorHandler, { name: 'error-handler' });
