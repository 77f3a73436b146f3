/**
 * Business errors any layer may raise; the API's one error handler maps each kind to an
 * HTTP status (api/plugins/error-handler.ts), activities to retryable or not.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'not_found' | 'conflict' | 'invalid' | 'unauthorized' | 'forbidden' | 'unavailable';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** Input that passed its schema but breaks a business rule; names the field at fault. */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** No usable credentials (a 401); routes with a bearer token get this from the auth plugin. */
export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** A dependency (Postgres, Temporal, a worker, a provider) did not answer in time. */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable';
}
