import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BackupRun, backupTypes } from '../../db/entities/backup-run.entity';
import { startBackup, startBackupOfAllRepos } from '../../temporal/backup-starts';
import { auditFromRequest } from '../shared/audit';

const backupRowSchema = z.object({
  workflowId: z.string(),
  type: z.enum(backupTypes),
  repo: z.number().int(),
  status: z.enum(['succeeded', 'failed']),
  label: z.string().nullable(),
  startedAt: z.iso.datetime().nullable(),
  stoppedAt: z.iso.datetime().nullable(),
  sizeBytes: z.number().nullable(),
  repoSizeBytes: z.number().nullable(),
  walStart: z.string().nullable(),
  walStop: z.string().nullable(),
  verified: z.boolean().nullable(),
  verifyResult: z.string().nullable(),
  error: z.string().nullable(),
});

function toRow(run: BackupRun): z.infer<typeof backupRowSchema> {
  return {
    workflowId: run.workflowId,
    type: run.type,
    repo: run.repo,
    status: run.status,
    label: run.label,
    startedAt: run.startedAt?.toISOString() ?? null,
    stoppedAt: run.stoppedAt?.toISOString() ?? null,
    sizeBytes: run.sizeBytes === null ? null : Number(run.sizeBytes),
    repoSizeBytes: run.repoSizeBytes === null ? null : Number(run.repoSizeBytes),
    walStart: run.walStart,
    walStop: run.walStop,
    verified: run.verified,
    verifyResult: run.verifyResult,
    error: run.error,
  };
}

/** Backups (T/QGCML 3125 §8.4): what ran, with its verification; one taken now on request. */
const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ops/backups',
    {
      schema: {
        tags: ['operations'],
        summary: 'Backups taken, newest first: type, repository, times, size, WAL range, verification',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(backupRowSchema) }) },
      },
      config: { access: { roles: ['ops'] } },
    },
    async (request) => {
      const runs = await request.em.getRepository(BackupRun).listRecent(request.query.limit);
      return { items: runs.map(toRow) };
    },
  );

  app.post(
    '/ops/backups',
    {
      schema: {
        tags: ['operations'],
        summary: 'Take a backup now: to the repository given, or without `repo` to both (local, then off-site)',
        body: z.object({
          type: z.enum(backupTypes),
          repo: z
            .union([z.literal(1), z.literal(2)])
            .optional()
            .describe('1 = local, 2 = off-site; omitted: both, one after the other'),
        }),
        response: { 202: z.object({ workflowId: z.string() }) },
      },
      config: { access: { roles: ['ops'] } },
    },
    async (request, reply) => {
      const { type, repo } = request.body;
      const workflowId =
        repo === undefined
          ? await startBackupOfAllRepos(app.temporal, type, new Date().toISOString(), 'taken on request')
          : await startBackup(app.temporal, type, repo);
      await auditFromRequest(request, {
        action: 'backup.start',
        entity: 'backup',
        entityId: workflowId,
        details: { type, repo },
      });
      return reply.code(202).send({ workflowId });
    },
  );
};

export default backupRoutes;
