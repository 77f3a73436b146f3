import { ConnectionException, DriverException } from '@mikro-orm/core';
import { isGrpcDeadlineError, isGrpcServiceError } from '@temporalio/client';

/**
 * Connection-level failures: the socket (Node) and PostgreSQL's connection-exception and
 * shutdown classes (SQLSTATE 08xxx, 57P01-57P03, 53300 too many connections).
 */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '53300']);
const CONNECTION_SQLSTATE = /^(08\d{3}|57P0[123])$/;
/** gRPC UNAVAILABLE and DEADLINE_EXCEEDED: the Temporal frontend does not answer. */
const GRPC_UNAVAILABLE = 14;

/** Error-like objects: socket errors may come from another realm, where `instanceof Error` fails. */
interface ErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
}
const isErrorLike = (value: unknown): value is ErrorLike => typeof value === 'object' && value !== null;

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; isErrorLike(current) && chain.length < 5; current = current.cause) chain.push(current);
  return chain;
}

function isUnavailable(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  if (error instanceof DriverException) {
    const code = error.code ?? error.sqlState ?? '';
    return CONNECTION_CODES.has(code) || CONNECTION_SQLSTATE.test(code);
  }
  if (!isErrorLike(error)) return false;
  // The pool found no free connection in time (knex's acquire timeout).
  if (error.name === 'KnexTimeoutError') return true;
  // A socket error as is, from the pool opening a connection for a transaction.
  if (typeof error.code === 'string' && CONNECTION_CODES.has(error.code)) return true;
  return (isGrpcServiceError(error) && error.code === GRPC_UNAVAILABLE) || isGrpcDeadlineError(error);
}

/**
 * Whether a request failed because PostgreSQL or Temporal does not answer, rather than
 * because of a defect: such a request is a 503 the client may retry (with Retry-After),
 * as documented on every route (api/plugins/error-responses.ts), not a 500.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  return causes(error).some(isUnavailable);
}
