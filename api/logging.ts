import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config/env';

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
];

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  ...personalDataFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

/** Pino through Fastify: request ids (honouring X-Request-Id), personal data redacted. */
export function loggerOptions(
  config: Pick<Config, 'LOG_LEVEL'>,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  return {
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: redactPaths, censor: '[redacted]' },
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  };
}
