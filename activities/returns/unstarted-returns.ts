import type { EntityManager } from '@mikro-orm/postgresql';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { returnWorkflowId } from '../../workflows/returns/return-refund.definitions';
import type { SweepWindow, UnstartedProcess } from '../shared/unstarted-process-sweep';
import { startReturnProcess } from './return-process-start';

/**
 * Returns whose process never ran (planReturn stamps processStartedAt), for the
 * unstarted-process sweep; started as `POST /orders/:id/returns` starts them. A complaint's
 * return is left out: the complaint's process starts it as its child, durably, and a sweep
 * starting it first would make that child start fail.
 */
export async function findUnstartedReturns(
  em: EntityManager,
  window: SweepWindow,
  limit: number,
): Promise<UnstartedProcess[]> {
  const requests = await em.find(
    ReturnRequest,
    {
      processStartedAt: null,
      complaintId: null,
      createdAt: { $gte: window.from, $lte: window.until },
    },
    { orderBy: { createdAt: 'asc' }, limit },
  );
  return requests.map((request) => ({
    workflowId: returnWorkflowId(request.id),
    record: request,
    start: (client) => startReturnProcess(client, request),
  }));
}
