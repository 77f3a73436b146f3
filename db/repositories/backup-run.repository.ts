import { EntityRepository } from '@mikro-orm/postgresql';
import type { BackupRun } from '../entities/backup-run.entity';

export class BackupRunRepository extends EntityRepository<BackupRun> {
  listRecent(limit: number): Promise<BackupRun[]> {
    return this.find({}, { orderBy: { createdAt: 'desc' }, limit });
  }

  /** The newest backup of a repository whose `verify` passed: what a drill restores. */
  findNewestVerified(repo: number): Promise<BackupRun | null> {
    return this.findOne(
      { repo, status: 'succeeded', verified: true, label: { $ne: null } },
      { orderBy: { stoppedAt: 'desc' } },
    );
  }
}
