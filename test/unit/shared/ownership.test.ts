import { assertVisible, isVisibleTo, scopeFor } from '../../../api/auth/ownership';
import { ForbiddenError, NotFoundError } from '../../../domain/errors';
import type { Principal } from '../../../domain/principal';

const consumer: Principal = { sub: 'c-1', role: 'consumer' };
const merchant: Principal = { sub: 'u-1', role: 'merchant', merchantId: 'm-1' };
const courier: Principal = { sub: 'u-2', role: 'courier', carrierId: 'k-1' };
const staff: Principal = { sub: 's-1', role: 'staff' };
const auditor: Principal = { sub: 'a-1', role: 'auditor' };
const ops: Principal = { sub: 'o-1', role: 'ops' };

/** An order of consumer c-1 at shop m-1, carried by k-1. */
const order = { consumerId: 'c-1', merchantId: 'm-1', carrierId: 'k-1' };
const ref = { entity: 'order', id: 'o-1' };

describe('object ownership (T/QGCML 3125 §8.3.2 each user reaches only the data their rights allow)', () => {
  it.each([
    ['a consumer: their own objects', consumer, { consumerId: 'c-1' }],
    ['a merchant: their shop’s', merchant, { merchantId: 'm-1' }],
    ['a courier: their carrier’s', courier, { carrierId: 'k-1' }],
    ['staff: no filter', staff, {}],
    ['an auditor: no filter', auditor, {}],
    ['ops: no filter (the route’s roles decide)', ops, {}],
  ])('scopes the queries of %s', (_case, principal, scope) => {
    expect(scopeFor(principal)).toEqual(scope);
  });

  it('lets each owner see the order, and the platform roles too', () => {
    for (const principal of [consumer, merchant, courier, staff, auditor, ops])
      expect(() => assertVisible(principal, order, ref)).not.toThrow();
  });

  it.each([
    ['another consumer', { sub: 'c-2', role: 'consumer' } as Principal],
    ['another shop', { sub: 'u-9', role: 'merchant', merchantId: 'm-2' } as Principal],
    ['another carrier', { sub: 'u-8', role: 'courier', carrierId: 'k-2' } as Principal],
  ])('answers %s with the NotFoundError a missing object gets, revealing nothing', (_case, principal) => {
    expect(() => assertVisible(principal, order, ref)).toThrow(NotFoundError);
    expect(() => assertVisible(principal, order, ref)).toThrow('order o-1 was not found');
  });

  it('hides an object without a carrier yet from every courier, and one without an owner from consumers', () => {
    expect(isVisibleTo(courier, { ...order, carrierId: null })).toBe(false);
    expect(isVisibleTo(consumer, { merchantId: 'm-1' })).toBe(false);
  });

  it('does not let a consumer whose sub equals a shop id see that shop’s objects', () => {
    expect(isVisibleTo({ sub: 'm-1', role: 'consumer' }, { consumerId: 'c-1', merchantId: 'm-1' })).toBe(false);
  });

  it('fails closed for a merchant principal without merchantId (token verification never lets one through)', () => {
    expect(() => scopeFor({ sub: 'u-1', role: 'merchant' })).toThrow(ForbiddenError);
  });
});
