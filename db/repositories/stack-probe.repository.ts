import { EntityRepository } from '@mikro-orm/postgresql';
import type { StackProbe } from '../entities/stack-probe.entity';

export class StackProbeRepository extends EntityRepository<StackProbe> {
  findByWorkflowIds(workflowIds: string[]): Promise<StackProbe[]> {
    return this.find({ workflowId: { $in: workflowIds } }, { orderBy: { taskQueue: 'asc' } });
  }

  listRecent(limit: number): Promise<StackProbe[]> {
    return this.find({}, { orderBy: { createdAt: 'desc' }, limit });
  }
}
