import { z } from 'zod';

/**
 * A record's statuses, each with the statuses it may move to. The table is the one list of
 * the statuses (a new one cannot come without its moves) and the compiler checks that every
 * move names one of them. Pure: workflows and activities alike ask it whether a move is allowed.
 */
export function statusMachine<S extends string>(moves: { readonly [K in S]: readonly NoInfer<S>[] }) {
  const statuses = Object.keys(moves) as [S, ...S[]];
  return {
    /** In the table's order, as clients see them listed. */
    statuses,
    schema: z.enum(statuses),
    canTransition: (from: S, to: S): boolean => moves[from].includes(to),
  };
}
