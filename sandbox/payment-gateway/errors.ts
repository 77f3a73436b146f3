import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { GatewayErrorBody } from './schemas';

type ErrorType = GatewayErrorBody['error']['type'];

/**
 * An error the gateway answers with, Stripe-style: `{ error: { type, code, message, param } }`.
 * Clients tell retryable from final by status and code, never by parsing the message.
 */
export class GatewayError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }

  toBody(): GatewayErrorBody {
    return {
      error: { type: this.type, code: this.code, message: this.message, ...(this.param ? { param: this.param } : {}) },
    };
  }
}

export const notFound = (what: string, id: string) =>
  new GatewayError(404, 'invalid_request_error', 'resource_missing', `No such ${what}: '${id}'`);

export const invalidState = (message: string) =>
  new GatewayError(409, 'invalid_request_error', 'invalid_state', message);

export const unprocessable = (code: string, message: string, param: string) =>
  new GatewayError(422, 'invalid_request_error', code, message, param);

export const serviceUnavailable = (
  message = 'The gateway is temporarily unavailable; retry with the same Idempotency-Key.',
) => new GatewayError(503, 'api_error', 'service_unavailable', message);

export function sendGatewayError(reply: FastifyReply, error: GatewayError): FastifyReply {
  return reply.code(error.statusCode).send(error.toBody());
}

/** `/amount/value` → `amount.value`: the parameter as the client named it. */
function paramPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter((segment) => segment !== '')
    .join('.');
}

/** Every failure leaves in the gateway's error format; a 500 reveals nothing. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof GatewayError) return sendGatewayError(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const [first] = error.validation;
      const param = first ? paramPath(first.instancePath) || undefined : undefined;
      const message = `Invalid ${error.validationContext ?? 'body'}${param ? ` parameter ${param}` : ''}: ${first?.message ?? 'is invalid'}`;
      return sendGatewayError(
        reply,
        new GatewayError(400, 'invalid_request_error', 'parameter_invalid', message, param),
      );
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return sendGatewayError(
        reply,
        new GatewayError(status, 'invalid_request_error', 'invalid_request', error.message),
      );
    }
    request.log.error({ err: error }, 'request failed');
    return sendGatewayError(reply, new GatewayError(500, 'api_error', 'internal_error', 'An internal error occurred.'));
  });
  app.setNotFoundHandler((request, reply) =>
    sendGatewayError(
      reply,
      new GatewayError(
        404,
        'invalid_request_error',
        'unknown_route',
        `Unrecognized request URL (${request.method} ${request.url.split('?')[0]})`,
      ),
    ),
  );
}
