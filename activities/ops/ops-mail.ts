import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { RecoveryDrill } from '../../db/entities/recovery-drill.entity';
import { formatDrillReport, type DrillReport } from '../../domain/recovery-drill-report';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { createMailActivities } from '../shared/mail/mail-activities';

export interface OpsMailDeps {
  orm: MikroORM;
  mail: Pick<ReturnType<typeof createMailActivities>, 'sendTemplatedMail'>;
}

/**
 * Mail of the ops processes: the drill workflow names the drill; its stored report is read
 * and formatted here (T/QGCML 3125 §8.2.3), so no report text travels through history.
 * One message per drill workflow, however often the activity retries.
 */
export function createOpsMailActivities({ orm, mail }: OpsMailDeps) {
  return {
    async sendDrillReportMail(input: { drillId: string }): Promise<void> {
      const drill = await orm.em.fork().findOne(RecoveryDrill, { id: input.drillId });
      if (!drill?.report)
        throw ApplicationFailure.nonRetryable(`drill ${input.drillId} has no stored report`, 'DrillReportMissing');
      await mail.sendTemplatedMail({
        idempotencyKey: `${workflowIdOfActivity()}:ops_report`,
        purpose: 'ops_report',
        recipient: { kind: 'ops', id: 'ops' },
        data: formatDrillReport(drill.report as unknown as DrillReport),
      });
    },
  };
}
