import type { MikroORM } from '@mikro-orm/postgresql';
import { appendAuditEvent } from '../../../db/audit-trail';
import { RecoveryDrill } from '../../../db/entities/recovery-drill.entity';
import type { DrillReport } from '../../../domain/recovery-drill-report';

/** Stores a drill's report and audits it in one transaction (T/QGCML 3125 §8.2.3, §8.3.5). */
export function createDrillRecordActivities({ orm }: { orm: MikroORM }) {
  return {
    async recordDrillReport(report: DrillReport): Promise<void> {
      await orm.em.fork().transactional(async (em) => {
        const drill = await em.findOneOrFail(RecoveryDrill, { id: report.drillId });
        if (drill.finishedAt) return; // a retried activity: already recorded and audited
        drill.status = report.status;
        drill.finishedAt = new Date();
        drill.failureReason = report.failureReason ?? null;
        drill.report = report as unknown as Record<string, unknown>;
        await em.flush();
        await appendAuditEvent(em, {
          actor: { sub: drill.startedBy, role: 'ops' },
          action: 'recovery_drill.finish',
          entity: 'recovery_drill',
          entityId: drill.id,
          outcome: report.status === 'passed' ? 'success' : 'failure',
          details: {
            scenario: report.scenario,
            rtoSeconds: report.rtoSeconds ?? null,
            completeness: report.completeness?.ratio ?? null,
            backup: report.backup?.label ?? null,
          },
        });
      });
    },
  };
}
