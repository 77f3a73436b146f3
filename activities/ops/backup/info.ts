import { z } from 'zod';
import { pgbackrest } from './pgbackrest';
import type { BackupTarget, RepoNumber } from '../../../platform/backup-target';

/** The parts of `pgbackrest info --output=json` (2.45) the project reads. */
const infoBackupSchema = z.object({
  label: z.string(),
  type: z.enum(['full', 'diff', 'incr']),
  error: z.boolean().optional(),
  timestamp: z.object({ start: z.number(), stop: z.number() }),
  archive: z.object({ start: z.string().nullable(), stop: z.string().nullable() }).partial(),
  info: z.object({
    size: z.number(),
    delta: z.number(),
    repository: z.object({ size: z.number().optional(), delta: z.number().optional() }),
  }),
  database: z.object({ 'repo-key': z.number() }),
});
const infoSchema = z.array(
  z.object({
    name: z.string(),
    status: z.object({ code: z.number(), message: z.string() }),
    backup: z.array(infoBackupSchema).default([]),
  }),
);

export interface BackupInfo {
  label: string;
  type: 'full' | 'diff' | 'incr';
  repo: RepoNumber;
  startedAt: string;
  stoppedAt: string;
  /** Size of the database at backup time, and what the repository stores for it. */
  sizeBytes: number;
  repoSizeBytes: number;
  walStart: string | null;
  walStop: string | null;
  /** pgBackRest found a page checksum error while copying. */
  hasErrors: boolean;
}

export function parseInfo(json: string, stanza: string): BackupInfo[] {
  const stanzas = infoSchema.parse(JSON.parse(json));
  const mine = stanzas.find((entry) => entry.name === stanza);
  return (mine?.backup ?? []).map((backup) => ({
    label: backup.label,
    type: backup.type,
    repo: backup.database['repo-key'] === 2 ? 2 : 1,
    startedAt: new Date(backup.timestamp.start * 1000).toISOString(),
    stoppedAt: new Date(backup.timestamp.stop * 1000).toISOString(),
    sizeBytes: backup.info.size,
    repoSizeBytes: backup.info.repository.delta ?? backup.info.repository.size ?? 0,
    walStart: backup.archive.start ?? null,
    walStop: backup.archive.stop ?? null,
    hasErrors: backup.error ?? false,
  }));
}

/** Every backup of the stanza in one repository (or both), oldest first. */
export async function listRepoBackups(target: BackupTarget, repo?: RepoNumber): Promise<BackupInfo[]> {
  const args = ['--output=json', ...(repo ? [`--repo=${repo}`] : [])];
  return parseInfo(await pgbackrest(target, 'info', args), target.stanza);
}
