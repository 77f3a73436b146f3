import { pgbackrest } from './pgbackrest';
import type { BackupTarget, RepoNumber } from '../../../platform/backup-target';

export interface VerifyResult {
  ok: boolean;
  /** pgBackRest's own summary (per backup: files checked, valid, checksum invalid). */
  summary: string;
}

/**
 * `pgbackrest verify` (T/QGCML 3125 §8.4: the software checks backup integrity by
 * checksum). 2.45 exits 0 even when it finds invalid files, so the text report decides.
 */
export async function verifyRepo(target: BackupTarget, repo: RepoNumber, onTick?: () => void): Promise<VerifyResult> {
  const output = await pgbackrest(target, 'verify', [`--repo=${repo}`, '--output=text', '--verbose'], { onTick });
  return parseVerify(output);
}

export function parseVerify(output: string): VerifyResult {
  const summary = output.trim().replace(/\n\s*/g, '; ');
  return { ok: !/status: error|invalid: [1-9]|missing: [1-9]/.test(output), summary: summary || 'status: ok' };
}
