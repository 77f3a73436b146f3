// The throw-away cluster for backup and drill tests lives in scripts/lib (the benchmark uses it too).
export { BACKUP_TARGET_ENV } from '../../activities/backup/target';
export { createThrowAwayBackupCluster, type ThrowAwayBackupCluster } from '../../scripts/lib/backup-cluster';
