import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import { serviceTermSchema, type ServiceTerm } from '../../domain/service-commitments';
import { serviceDeadlines, type ResolvedDeadlines } from '../../domain/service-deadlines';

export type { ResolvedDeadlines };

export interface ServiceCommitmentActivityDeps {
  orm: MikroORM;
}

export interface ResolveDeadlinesInput<T extends ServiceTerm> {
  /** When the process started (ISO-8601 with offset): picks the version in force then. */
  startedAt: string;
  /** The terms to compute a deadline for, each counted from `startedAt`. */
  terms: readonly T[];
  /** Re-resolve with this version (e.g. the one the process resolved first) instead. */
  version?: number;
}

const inputSchema = z.object({
  startedAt: z.iso.datetime({ offset: true }),
  terms: z.array(serviceTermSchema).min(1),
  version: z.number().int().min(1).optional(),
});

/**
 * Deadlines for workflows (T/QGCML 3125 §4.7, §4.8; docs/architecture.md "Deadlines": the calendar and its holiday data
 * are read here, in an activity, so a workflow's replay never depends on them and a later
 * PUT /service-commitments never moves the deadline of a process already running.
 */
export function createServiceCommitmentActivities({ orm }: ServiceCommitmentActivityDeps) {
  return {
    /** Read-only, so retries are harmless; bad input or an unknown version fails without retry. */
    async resolveDeadlines<T extends ServiceTerm>(input: ResolveDeadlinesInput<T>): Promise<ResolvedDeadlines<T>> {
      const parsed = inputSchema.safeParse(input);
      if (!parsed.success)
        throw ApplicationFailure.nonRetryable(
          `resolveDeadlines: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
          'InvalidServiceCommitmentQuery',
        );
      const startedAt = new Date(parsed.data.startedAt);
      const versions = orm.em.fork().getRepository(ServiceCommitmentVersion);
      const found =
        parsed.data.version === undefined
          ? await versions.inForceAt(startedAt)
          : await versions.byVersion(parsed.data.version);
      if (!found)
        throw ApplicationFailure.nonRetryable(
          parsed.data.version === undefined
            ? `no service commitments were in force at ${parsed.data.startedAt}`
            : `service commitments version ${parsed.data.version} does not exist`,
          'ServiceCommitmentNotFound',
        );

      const terms = found.parsedCommitments();
      return serviceDeadlines({ version: found.version, terms }, startedAt, input.terms);
    },
  };
}
