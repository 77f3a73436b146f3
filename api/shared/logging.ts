import { randomUUID } from 'node:crypto';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../../config/env';

/**
 * Fields that carry personal data wherever they appear in a logged object (T/QGCML 3125
 * §7.2: no one reads personal data without authorisation — log readers included).
 */
export const personalDataFields = [
  'password',
  'email',
  'phone',
  'address',
  'shippingAddress',
  'contact',
  'idNumber',
  'token',
  'authorization',
];

const redactPaths = personalDataFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]);

/**
 * What a request log line says about the request: method, route and path, never the
 * query string (a search by phone number would end up in the logs) nor the headers.
 */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    route: request.routeOptions?.url,
    // The dev codec endpoint carries a token in its path (api/routes/codec.ts).
    path: request.url.split('?')[0]?.replace(/^\/codec\/ui\/[^/]+/, '/codec/ui/[redacted]'),
    remoteAddress: request.ip,
  };
}

/** Pino through Fastify: request ids (honouring X-Request-Id), personal data redacted. */
export function loggerOptions(
  config: Pick<Config, 'LOG_LEVEL'>,
  stream?: DestinationStream,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  return {
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { req: serializeRequest },
      ...(stream ? { stream } : {}),
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  };
}
