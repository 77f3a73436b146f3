import type { MikroORM } from '@mikro-orm/postgresql';
import { ReturnRequest } from '../../db/entities/return-request.entity';

type Term = 'returnShipment' | 'returnInspection' | 'refund';

export interface ReturnDeadlineResolver {
  resolveDeadlines(input: {
    startedAt: string;
    terms: Term[];
    version?: number;
  }): Promise<{ version: number; deadlines: Partial<Record<Term, string>> }>;
}

/**
 * Deadlines of a return (T/QGCML 3125 §6.4): each counted from its own step, always with
 * the commitment version in force when the consumer asked, so a later change of the
 * commitments never moves the deadline of a return already running.
 */
export function createReturnDeadlines(orm: MikroORM, commitments: ReturnDeadlineResolver) {
  return {
    /** approveBy and the version, as fixed when the request was made (api/returns/request-return.ts). */
    async planReturn(input: { returnId: string }) {
      const request = await orm.em.fork().findOneOrFail(ReturnRequest, { id: input.returnId });
      return {
        kind: request.kind,
        approveBy: (request.approveBy ?? request.createdAt).toISOString(),
        commitmentVersion: request.commitmentVersion ?? undefined,
      };
    },

    async returnDeadline(input: { term: Term; from: string; version?: number }): Promise<{ dueAt: string }> {
      const resolved = await commitments.resolveDeadlines({
        startedAt: input.from,
        terms: [input.term],
        ...(input.version ? { version: input.version } : {}),
      });
      return { dueAt: resolved.deadlines[input.term] as string };
    },
  };
}
