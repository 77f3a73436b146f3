import { EntityRepository } from '@mikro-orm/postgresql';
import type { ServiceTerm } from '../../domain/service-commitments';
import { serviceDeadlines, type ResolvedDeadlines } from '../../domain/service-deadlines';
import { HolidayYearVersion } from '../entities/holiday-year-version.entity';
import type { ServiceCommitmentVersion } from '../entities/service-commitment-version.entity';

/** Named queries over the versions of the published service commitments (T/QGCML 3125 §4.7). */
export class ServiceCommitmentRepository extends EntityRepository<ServiceCommitmentVersion> {
  /** The version in force at `at`: the newest one whose effectiveFrom is not after it. */
  inForceAt(at: Date): Promise<ServiceCommitmentVersion | null> {
    return this.findOne({ effectiveFrom: { $lte: at } }, { orderBy: { version: 'desc' } });
  }

  /** The version in force now. */
  current(): Promise<ServiceCommitmentVersion | null> {
    return this.inForceAt(new Date());
  }

  byVersion(version: number): Promise<ServiceCommitmentVersion | null> {
    return this.findOne({ version });
  }

  /**
   * The deadlines of `terms` counted from `from`, under commitments `version` (the one a
   * process started with) or else those in force at `from`, on the holiday years in force at
   * `from`. Null when that version does not exist or nothing was in force: each caller says
   * what that means for it (a 503, a failed activity, no deadline shown).
   */
  async deadlinesFrom<T extends ServiceTerm>(
    from: Date,
    terms: readonly T[],
    version?: number,
  ): Promise<ResolvedDeadlines<T> | null> {
    const found = version === undefined ? await this.inForceAt(from) : await this.byVersion(version);
    if (!found) return null;
    const holidays = await this.getEntityManager().getRepository(HolidayYearVersion).calendarInForceAt(from);
    return serviceDeadlines({ version: found.version, terms: found.parsedCommitments() }, from, terms, holidays);
  }

  /**
   * The newest version, after taking a transaction-scoped lock that serialises publishers:
   * two concurrent changes become versions n+1 and n+2, never two n+1. Call inside
   * `em.transactional(...)`; the lock is released at commit or rollback.
   */
  async latestForPublishing(): Promise<ServiceCommitmentVersion | null> {
    await this.getEntityManager().execute(`select pg_advisory_xact_lock(hashtext('service_commitment_version'))`);
    const [latest] = await this.find({}, { orderBy: { version: 'desc' }, limit: 1 });
    return latest ?? null;
  }
}
