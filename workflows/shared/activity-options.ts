import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Database and mail activities: quick, retried until they work (no attempt limit: a
 * database or SMTP outage ends, and the step must happen). One definition for every
 * process, so they all retry alike; changing it changes every process's schedule
 * commands (replay histories record the values).
 */
export const QUICK_LOCAL_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};
