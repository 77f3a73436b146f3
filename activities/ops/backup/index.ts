import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../../config/env';
import { createBackupActivities } from './backup-activities';
import { createDrillActivities } from './drill-activities';
import { createDrillRecordActivities } from './drill-record-activities';
import { backupTargetFor } from '../../../platform/backup-target';

/** Every backup and drill activity of the `ops` worker, on the configured target. */
export function createOpsBackupActivities({ orm, config }: { orm: MikroORM; config: Config }) {
  const target = backupTargetFor(config);
  return {
    ...createBackupActivities({ orm, target }),
    ...createDrillActivities({ orm, target }),
    ...createDrillRecordActivities({ orm }),
  };
}
