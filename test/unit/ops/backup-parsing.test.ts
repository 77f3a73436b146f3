import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareFingerprints } from '../../../activities/ops/backup/compare';
import type { Fingerprint } from '../../../activities/ops/backup/fingerprint';
import { parseInfo } from '../../../activities/ops/backup/info';
import { parsePgBackRestError, renderConfig } from '../../../activities/ops/backup/pgbackrest';
import type { BackupTarget } from '../../../platform/backup-target';
import { parseVerify } from '../../../activities/ops/backup/verify';
import { evaluateDrill } from '../../../domain/recovery-drill';

describe('pgBackRest output and drill verdicts', () => {
  it('§8.4: keeps pgBackRest’s own error message and code, and treats only a held lock as transient', () => {
    const error = parsePgBackRestError(
      'backup',
      55,
      "WARN: something\nERROR: [055]: unable to load info file '/r/backup.info' or '/r/backup.info.copy':\n       FileMissingError: missing\n",
    );
    expect(error.code).toBe(55);
    expect(error.message).toBe(
      "unable to load info file '/r/backup.info' or '/r/backup.info.copy': FileMissingError: missing",
    );
    expect(error.transient).toBe(false);
    expect(parsePgBackRestError('backup', 50, 'ERROR: [050]: unable to acquire lock').transient).toBe(true);
  });

  it('§8.4.5: reads a verify report with a checksum error as failed, a clean one as passed', () => {
    expect(parseVerify('stanza: s\nstatus: error\n  backup: 1F, status: invalid\n    checksum invalid: 1\n').ok).toBe(
      false,
    );
    expect(parseVerify('stanza: s\nstatus: ok\n').ok).toBe(true);
  });

  it('§8.4: lists each backup with type, repository, times, sizes and WAL range from info --output=json', () => {
    const json = JSON.stringify([
      {
        name: 'storeops',
        status: { code: 0, message: 'ok' },
        backup: [
          {
            label: '20261124-225213F',
            type: 'full',
            error: false,
            timestamp: { start: 1795560733, stop: 1795560736 },
            archive: { start: '000000010000000000000003', stop: '000000010000000000000004' },
            info: { size: 30636457, delta: 30636457, repository: { size: 6094092, delta: 6094092 } },
            database: { id: 1, 'repo-key': 2 },
          },
        ],
      },
    ]);
    expect(parseInfo(json, 'storeops')).toEqual([
      expect.objectContaining({
        label: '20261124-225213F',
        type: 'full',
        repo: 2,
        repoSizeBytes: 6094092,
        walStop: '000000010000000000000004',
      }),
    ]);
  });

  it('§8.4: generates a config with both repositories, retention, start-fast and the cluster, never /etc', () => {
    const target = {
      stanza: 's',
      cluster: { dataDir: '/d', port: 5, socketDir: '/run' },
      workDir: '/w',
      compressType: 'lz4',
      repos: {
        1: { path: '/w/local', retention: { full: 2, diff: 7 } },
        2: { path: '/w/offsite', retention: { full: 4, diff: 7 } },
      },
    } as unknown as BackupTarget;
    const config = renderConfig(target);
    for (const line of [
      'repo1-path=/w/local',
      'repo2-retention-full=4',
      'start-fast=y',
      'compress-type=lz4',
      'pg1-port=5',
      'pg1-socket-path=/run',
    ])
      expect(config).toContain(line);
  });

  it('§8.2.3: completeness counts matching rows and names the ids that differ', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fp-'));
    const file = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const expected: Fingerprint = {
      takenAt: '',
      tables: [{ table: 'public.t', rows: 3, digest: 'a', file: file('e', '1\tx\n2\ty\n3\tz\n') }],
    };
    const restored: Fingerprint = {
      takenAt: '',
      tables: [{ table: 'public.t', rows: 3, digest: 'b', file: file('r', '1\tx\n3\tCHANGED\n4\tw\n') }],
    };
    const result = compareFingerprints(expected, restored);
    expect(result.ratio).toBeCloseTo(1 / 3);
    expect(result.tables[0]).toMatchObject({ matchingRows: 1, differingIds: ['2', '3'], extraRows: 1 });
  });

  it('§8.2.3: general needs < 1 h and exactly 100 %; severe < 12 h and more than 98 %', () => {
    const drill = (scenario: 'general' | 'severe', rtoSeconds: number, completeness: number, auditChainIntact = true) =>
      evaluateDrill({ scenario, rtoSeconds, completeness, auditChainIntact });
    expect(drill('general', 3599, 1).passed).toBe(true);
    expect(drill('general', 3600, 1).passed).toBe(false);
    expect(drill('general', 10, 0.9999).passed).toBe(false);
    expect(drill('severe', 11 * 3600, 0.981).passed).toBe(true);
    expect(drill('severe', 10, 0.98).passed).toBe(false);
    expect(drill('general', 10, 1, false).reasons).toEqual(['the audit chain on the standby is broken']);
  });
});
