import { LockMode, type EntityClass, type EntityManager, type Loaded, type Populate } from '@mikro-orm/postgresql';
import { NotFoundError } from '../../domain/errors';
import type { Principal } from '../../domain/principal';
import { scopeFor } from '../auth/ownership';

/**
 * The record with this id, locked for the rest of the transaction, if it lies in the
 * caller's scope; otherwise the 404 a missing one gets (T/QGCML 3125 §8.3.2). For a
 * change that must not race another on the same record (drafting a slip from it).
 */
export async function lockVisible<T extends { id: string }, Hint extends string = never>(
  em: EntityManager,
  principal: Principal,
  entity: EntityClass<T>,
  ref: { name: string; id: string; populate: Populate<T, Hint> },
): Promise<Loaded<T, Hint>> {
  const found = await em.findOne(entity, { id: ref.id, ...scopeFor(principal) } as never, {
    populate: ref.populate,
    lockMode: LockMode.PESSIMISTIC_WRITE,
  });
  if (!found) throw new NotFoundError(ref.name, ref.id);
  return found;
}
