import type { EntityManager } from '@mikro-orm/postgresql';
import { verifyAuditChain } from '../../db/audit-verify';
import { BackupRun } from '../../db/entities/backup-run.entity';
import { RecoveryDrill } from '../../db/entities/recovery-drill.entity';
import { DRILL_LIMITS } from '../../domain/recovery-drill';

/** Backups in a period, oldest first (T/QGCML 3125 §8.4): type, repository, size, verified. */
export async function backupRows(em: EntityManager, period: { from: Date; to: Date }) {
  const runs = await em.find(
    BackupRun,
    { createdAt: { $gte: period.from, $lt: period.to } },
    { orderBy: { createdAt: 'asc' }, limit: 2000 },
  );
  return runs.map((run) => ({
    workflowId: run.workflowId,
    at: (run.stoppedAt ?? run.createdAt).toISOString(),
    type: run.type,
    repo: run.repo,
    status: run.status,
    sizeBytes: run.sizeBytes === null ? null : Number(run.sizeBytes),
    verified: run.verified,
    error: run.error,
  }));
}

/** Drills in a period, oldest first, with RTO, RPO and completeness against §8.2.3's limits. */
export async function drillRows(em: EntityManager, period: { from: Date; to: Date }) {
  const drills = await em.find(
    RecoveryDrill,
    { createdAt: { $gte: period.from, $lt: period.to } },
    { orderBy: { createdAt: 'asc' }, limit: 500 },
  );
  return drills.map((drill) => {
    const report = (drill.report ?? {}) as {
      rtoSeconds?: number;
      rpoSeconds?: number;
      completeness?: { ratio: number };
    };
    const limits = DRILL_LIMITS[drill.scenario];
    return {
      workflowId: drill.workflowId,
      drillId: drill.id,
      at: drill.createdAt.toISOString(),
      scenario: drill.scenario,
      status: drill.status,
      rtoSeconds: report.rtoSeconds ?? null,
      rtoLimitSeconds: limits.rtoSeconds,
      rpoSeconds: report.rpoSeconds ?? null,
      completeness: report.completeness?.ratio ?? null,
      completenessLimit: limits.completeness,
      failureReason: drill.failureReason,
    };
  });
}

/** The audit chain's state now (§8.3.5): intact or where it breaks. */
export async function auditChainState(em: EntityManager) {
  const checked = await verifyAuditChain(em);
  return { checkedAt: new Date().toISOString(), ...checked };
}
