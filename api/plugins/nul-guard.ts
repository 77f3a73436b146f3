import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from './error-handler';

const NUL = '\u0000';
/** Enough to name the culprits; a body full of NULs needs no thousand-line answer. */
const MAX_REPORTED = 10;

/** Paths (`body.items[0].name`) of every string, or object key, that holds a NUL character. */
export function fieldsWithNul(value: unknown, path: string, found: string[] = []): string[] {
  if (found.length >= MAX_REPORTED) return found;
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => fieldsWithNul(item, `${path}[${index}]`, found));
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const keyPath = `${path}.${key.replaceAll(NUL, '\\u0000')}`;
      if (key.includes(NUL)) found.push(keyPath);
      else fieldsWithNul(item, keyPath, found);
    }
  }
  return found;
}

function inputsOf(request: FastifyRequest): [string, unknown][] {
  return [
    ['params', request.params],
    ['query', request.query],
    ['headers', request.headers],
    ['body', request.body],
  ];
}

/**
 * PostgreSQL cannot store a NUL character in text or jsonb ("invalid byte sequence"), and
 * no business field ever needs one, so any string that holds one (path, query, headers,
 * JSON body, object keys included) is refused as a 400 naming the field before any
 * route sees it: one place for every route, never a 500 from deep in a query
 * (T/QGCML 3125 §8.3: input is checked at the edge).
 */
async function nulGuard(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request, reply) => {
    const fields = inputsOf(request).flatMap(([context, value]) => fieldsWithNul(value, context));
    if (fields.length === 0) return;
    return sendProblem(reply, request, {
      status: 400,
      detail: 'Text must not contain NUL (\\u0000) characters.',
      errors: fields.slice(0, MAX_REPORTED).map((field) => ({ field, message: 'must not contain NUL characters' })),
    });
  });
}

export default fp(nulGuard, { name: 'nul-guard', dependencies: ['error-handler'] });
