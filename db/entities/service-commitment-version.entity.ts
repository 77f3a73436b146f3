import { Check, Entity, EntityRepositoryType, Property } from '@mikro-orm/core';
import { serviceCommitmentsSchema, type ServiceCommitments } from '../../domain/service-commitments';
import { ServiceCommitmentRepository } from '../repositories/service-commitment.repository';
import { BaseEntity } from './base.entity';

/** What the private constructor takes: the columns without a default (built by `ServiceCommitmentVersion.following`). */
type ServiceCommitmentVersionFields = Pick<
  ServiceCommitmentVersion,
  'version' | 'commitments' | 'effectiveFrom' | 'changedBy' | 'reason'
>;

/**
 * One published version of the service commitments (T/QGCML 3125 §4.7, §4.8). Versions are
 * never edited (a database trigger refuses UPDATE and DELETE): a change is a new version,
 * in force from its `effectiveFrom`, so a process keeps the version in force when it started.
 * Version 1, the standard's defaults, is seeded by the migration that creates the table.
 */
@Entity({ tableName: 'service_commitment_version', repository: () => ServiceCommitmentRepository })
@Check({ name: 'service_commitment_version_version_check', expression: 'version >= 1' })
export class ServiceCommitmentVersion extends BaseEntity {
  declare [EntityRepositoryType]?: ServiceCommitmentRepository;

  /** 1, 2, 3…: increases with every change. */
  @Property({ type: 'integer', unique: true }) version!: number;

  @Property({ type: 'json' }) commitments!: ServiceCommitments;

  @Property({ type: 'datetime' }) effectiveFrom!: Date;

  /** The `sub` of the staff member who published it (`system` for the seeded defaults). */
  @Property({ type: 'string' }) changedBy!: string;

  @Property({ type: 'text' }) reason!: string;

  private constructor(fields: ServiceCommitmentVersionFields) {
    super();
    Object.assign(this, fields);
  }

  /**
   * The version that replaces `previous` (the newest so far) from `now` on. Its
   * effectiveFrom never goes back before its predecessor's, so "the newest version whose
   * effectiveFrom is not after t" is always the one in force at t.
   */
  static following(
    previous: ServiceCommitmentVersion | null,
    change: { commitments: ServiceCommitments; changedBy: string; reason: string; now: Date },
  ): ServiceCommitmentVersion {
    const effectiveFrom = new Date(Math.max(change.now.getTime(), previous?.effectiveFrom.getTime() ?? 0));
    return new ServiceCommitmentVersion({
      version: (previous?.version ?? 0) + 1,
      commitments: serviceCommitmentsSchema.parse(change.commitments),
      effectiveFrom,
      changedBy: change.changedBy,
      reason: change.reason,
    });
  }

  /** The stored set, checked against today's schema (jsonb is not checked by Postgres). */
  parsedCommitments(): ServiceCommitments {
    return serviceCommitmentsSchema.parse(this.commitments);
  }
}
