import { EntityRepository } from '@mikro-orm/postgresql';
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
