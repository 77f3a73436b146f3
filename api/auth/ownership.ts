import { ForbiddenError, NotFoundError } from '../../domain/errors';
import type { Principal } from '../../domain/principal';

/**
 * Who owns a business object: the consumer who placed it, the merchant whose shop it
 * belongs to, the carrier that carries it. Entities name these columns the same way, so
 * a scope can be spread straight into a MikroORM filter.
 */
export interface Owners {
  consumerId?: string | null;
  merchantId?: string | null;
  carrierId?: string | null;
}

/** The filter a query must add for this caller; `{}` for platform roles that see everything. */
export type OwnershipScope =
  { consumerId: string } | { merchantId: string } | { carrierId: string } | Record<string, never>;

/**
 * What of the platform's business objects a caller may see (T/QGCML 3125 §8.3.2 each user
 * reaches only the data their rights allow):
 *  - consumer → their own (consumerId = sub); merchant → their shop's; courier → their carrier's;
 *  - staff, auditor, ops → no ownership filter: which routes they reach at all is
 *    decided by the route's access rule (api/auth/access.ts).
 * Use it in every list and lookup: `em.find(Order, { ...scopeFor(principal), status })`.
 */
export function scopeFor(principal: Principal): OwnershipScope {
  switch (principal.role) {
    case 'consumer':
      return { consumerId: principal.sub };
    case 'merchant':
      return { merchantId: required(principal.merchantId, 'merchantId', principal) };
    case 'courier':
      return { carrierId: required(principal.carrierId, 'carrierId', principal) };
    case 'staff':
    case 'auditor':
    case 'ops':
      return {};
  }
}

/** Whether the caller may see an object with these owners. */
export function isVisibleTo(principal: Principal, owners: Owners): boolean {
  const scope: Partial<Record<keyof Owners, string>> = scopeFor(principal);
  return (Object.keys(scope) as (keyof Owners)[]).every((field) => owners[field] === scope[field]);
}

/**
 * Throws NotFoundError, the very error a missing object gets, when the object belongs to
 * someone else: a caller cannot even learn that someone else's order exists.
 *   assertVisible(principal, order, { entity: 'order', id: order.id })
 */
export function assertVisible(principal: Principal, owners: Owners, ref: { entity: string; id: string }): void {
  if (!isVisibleTo(principal, owners)) throw new NotFoundError(ref.entity, ref.id);
}

/** Token verification makes this unreachable; failing closed if it ever is not. */
function required(value: string | undefined, claim: string, principal: Principal): string {
  if (value === undefined) throw new ForbiddenError(`a ${principal.role} token without ${claim} sees nothing`);
  return value;
}
