import type { FastifyRequest } from 'fastify';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { NotFoundError } from '../../domain/errors';
import { scopeFor } from '../auth/ownership';
import { principalOf } from '../plugins/auth';

/**
 * The return with its lines if the caller may see it; otherwise the same 404 whether it is
 * missing or someone else's (T/QGCML 3125 §8.3.2).
 */
export async function loadVisibleReturn(request: FastifyRequest, id: string): Promise<ReturnRequest> {
  const found = await request.em.getRepository(ReturnRequest).findVisible(id, scopeFor(principalOf(request)));
  if (!found) throw new NotFoundError('return', id);
  return found;
}
