/** pgBackRest's backup types (T/QGCML 3125 §8.4: full plus differential and incremental). */
export const backupTypes = ['full', 'diff', 'incr'] as const;
export type BackupType = (typeof backupTypes)[number];
