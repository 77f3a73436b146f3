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

/**
 * The carrier's API: idempotent on the booking's key, so retrying for a while is safe; a
 * request the carrier refuses for good is not retried. Shared by every process that books
 * a shipment (the handover and a return), with the same caveat about replay as above.
 */
export const CARRIER_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: ['LogisticsRequestRejected'],
  },
};
