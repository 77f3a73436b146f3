// The throw-away cluster for backup and drill tests lives in scripts/lib (the benchmark uses it too).
export { BACKUP_TARGET_ENV } from '../../platform/backup-target';
export { createThrowAwayBackupCluster, type ThrowAwayBackupCluster } from '../../platform/backup-cluster';
