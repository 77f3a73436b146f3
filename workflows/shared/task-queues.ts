/** Task queues (docs/architecture.md "Shape"): business processes on `commerce`, backups and drills on `ops`. */
export const TASK_QUEUES = {
  commerce: 'commerce',
  ops: 'ops',
} as const;

export type TaskQueue = (typeof TASK_QUEUES)[keyof typeof TASK_QUEUES];
