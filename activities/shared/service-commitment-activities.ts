import type { MikroORM } from '@mikro-orm/postgresql';
import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import { serviceTermSchema, type ServiceTerm } from '../../domain/service-commitments';
import type { ResolvedDeadlines } from '../../domain/service-deadlines';
import type { SendTemplatedMailInput, SendTemplatedMailResult } from './mail/mail-activities';

export type { ResolvedDeadlines };

export interface ServiceCommitmentActivityDeps {
  orm: MikroORM;
  /** The shared mail activity: staff hear once per year that a deadline reached a year without data. */
  mail?: { sendTemplatedMail(input: SendTemplatedMailInput): Promise<SendTemplatedMailResult> };
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

/** One mail per missing year, whoever notices it first (the key is the mail's idempotency key). */
export const missingHolidayYearMailKey = (year: number) => `service-calendar:missing-year:${year}`;

/**
 * Deadlines for workflows (T/QGCML 3125 §4.7, §4.8; docs/architecture.md "Deadlines"): the commitments
 * and the statutory-holiday years in force at `startedAt` are read here, in an activity, so
 * a workflow's replay never depends on them, and neither a later PUT /service-commitments
 * nor a newly loaded holiday year moves the deadline of a process already running.
 */
export function createServiceCommitmentActivities({ orm, mail }: ServiceCommitmentActivityDeps) {
  /** Best effort: a mail that cannot go out now must not hold up the deadline; the next call retries it. */
  async function tellStaffAboutMissingYears(years: number[], deadline: string): Promise<void> {
    if (!mail) return;
    for (const year of years) {
      try {
        await mail.sendTemplatedMail({
          idempotencyKey: missingHolidayYearMailKey(year),
          purpose: 'holiday_year_missing_staff',
          recipient: { kind: 'staff', id: 'staff' },
          data: { year, deadline },
        });
      } catch (error) {
        log.warn('missing holiday year: staff mail not sent yet', { year, error: (error as Error).message });
      }
    }
  }

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
      // All terms on the commitments and holiday years in force when the process started.
      const resolved = await orm.em
        .fork()
        .getRepository(ServiceCommitmentVersion)
        .deadlinesFrom(startedAt, input.terms, parsed.data.version);
      if (!resolved)
        throw ApplicationFailure.nonRetryable(
          parsed.data.version === undefined
            ? `no service commitments were in force at ${parsed.data.startedAt}`
            : `service commitments version ${parsed.data.version} does not exist`,
          'ServiceCommitmentNotFound',
        );

      const latest = Object.values<string>(resolved.deadlines).sort().at(-1)!;
      await tellStaffAboutMissingYears(resolved.missingYears, latest);
      return resolved;
    },
  };
}
