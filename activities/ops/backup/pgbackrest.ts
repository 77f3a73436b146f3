import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ownedDir, runAs } from '../../../platform/os-user';
import { configFileOf, type BackupTarget } from '../../../platform/backup-target';

/** pgBackRest's own error ("ERROR: [055]: unable to load info file…"), kept verbatim for ops. */
export class PgBackRestError extends Error {
  override readonly name = 'PgBackRestError';
  constructor(
    readonly command: string,
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
  }

  /** Another pgBackRest process holds the stanza's lock: worth retrying later. */
  get transient(): boolean {
    return this.code === 50;
  }
}

/** The first `ERROR: [nnn]: …` block of pgBackRest's output, or its last lines. */
export function parsePgBackRestError(command: string, exitCode: number, output: string): PgBackRestError {
  const match = /(?:ERROR|ASSERT): \[(\d+)\]: ([\s\S]*?)(?=\n\S+: |\n?$)/.exec(output);
  if (match?.[1] && match[2])
    return new PgBackRestError(command, Number(match[1]), match[2].trim().replace(/\s+/g, ' '));
  const tail = output.trim().split('\n').slice(-3).join(' ').trim();
  return new PgBackRestError(command, undefined, tail || `pgbackrest ${command} exited with code ${exitCode}`);
}

/**
 * The project's pgbackrest.conf (never /etc/pgbackrest.conf): both repositories with their
 * retention, fast start, compression, and the cluster's data dir, port and socket. Logs,
 * locks and the spool stay under the target's work dir.
 */
export function renderConfig(target: BackupTarget): string {
  const { cluster, repos } = target;
  const lines = ['[global]'];
  for (const repo of [1, 2] as const) {
    lines.push(
      `repo${repo}-path=${repos[repo].path}`,
      `repo${repo}-retention-full=${repos[repo].retention.full}`,
      `repo${repo}-retention-diff=${repos[repo].retention.diff}`,
    );
  }
  lines.push(
    'start-fast=y',
    `compress-type=${target.compressType}`,
    'archive-timeout=120',
    `log-path=${path.join(target.workDir, 'log')}`,
    `lock-path=${path.join(target.workDir, 'lock')}`,
    `spool-path=${path.join(target.workDir, 'spool')}`,
    'log-level-console=warn',
    'log-level-file=info',
    '',
    `[${target.stanza}]`,
    `pg1-path=${cluster.dataDir}`,
    `pg1-port=${cluster.port}`,
    `pg1-socket-path=${cluster.socketDir}`,
    'pg1-user=postgres',
    '',
  );
  return lines.join('\n');
}

/** Writes the config and the directories pgBackRest needs, owned by the cluster's OS user. */
export function writeConfig(target: BackupTarget): string {
  ownedDir(target.cluster, target.workDir);
  for (const dir of ['log', 'lock', 'spool']) ownedDir(target.cluster, path.join(target.workDir, dir));
  ownedDir(target.cluster, target.repos[1].path);
  ownedDir(target.cluster, target.repos[2].path);
  const file = configFileOf(target);
  writeFileSync(file, renderConfig(target), { mode: 0o644 });
  return file;
}

/** `pgbackrest --config=… --stanza=… <command> <args>`; throws PgBackRestError on failure. */
export async function pgbackrest(
  target: BackupTarget,
  command: string,
  args: string[] = [],
  options: { onTick?: () => void } = {},
): Promise<string> {
  const result = await runAs(
    target.cluster,
    target.pgbackrest,
    [`--config=${configFileOf(target)}`, `--stanza=${target.stanza}`, ...args, command],
    options,
  );
  if (result.code !== 0) throw parsePgBackRestError(command, result.code, `${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

/** The archive_command that pushes each WAL segment to every repository of the stanza. */
export function archivePushCommand(target: BackupTarget): string {
  return `${target.pgbackrest} --config=${configFileOf(target)} --stanza=${target.stanza} archive-push %p`;
}
