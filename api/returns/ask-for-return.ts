import type { FastifyRequest } from 'fastify';
import { requestReturn } from '../../activities/returns/request-return';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import type { Principal } from '../../domain/principal';
import { createOnce, type MadeOnce } from '../shared/idempotency-key';
import { commitNewReturn } from './commit-then-start';
import type { RequestReturnBody } from './schemas';

/**
 * A consumer asks to return, exchange or be refunded for goods of their order (T/QGCML 3125
 * §6.4): the request and its `return.request` audit event in one transaction (§8.3.5).
 * With an Idempotency-Key, once: a retry answers with the return the first call made and
 * writes nothing — never the 422 "already asked back" a second request would get
 * (api/shared/idempotency-key.ts). Start the process after the commit.
 */
export async function askForReturn(
  request: FastifyRequest,
  principal: Principal,
  orderId: string,
  body: RequestReturnBody,
  idempotencyKey: string | undefined,
): Promise<MadeOnce<ReturnRequest>> {
  return createOnce({
    what: 'return',
    key: idempotencyKey,
    // The order is part of the request: the same key and body for another order is another request.
    request: { orderId, ...body },
    find: (key) => request.em.fork().getRepository(ReturnRequest).findByIdempotencyKey(principal.sub, key),
    create: (idempotency) =>
      commitNewReturn(
        request,
        (em) => requestReturn(em, { ...body, orderId, consumerId: principal.sub, idempotency }),
        () => ({ action: 'return.request', details: { orderId } }),
      ),
  });
}
