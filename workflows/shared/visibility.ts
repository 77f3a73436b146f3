import { patched, upsertSearchAttributes, workflowInfo, type ActivityInterfaceFor } from '@temporalio/workflow';
import { searchAttributes } from './search-attributes';

/**
 * Returns, complaints and recovery claims name themselves in the Temporal UI (summaries,
 * ReturnId/ComplaintId, DueAt, a recovery claim's status): executions started before run
 * without it (T/QGCML 3125 §8.7; issue 13).
 */
export const RETURN_COMPLAINT_VISIBILITY_PATCH = 'return-complaint-visibility';

export interface BusinessAttributes {
  businessStatus?: string;
  carrierId?: string;
  /** ISO instant of the deadline the process waits for now. */
  dueAt?: string;
}

/**
 * Keeps a process's business search attributes current, so staff filter it in the
 * Temporal UI by status, carrier and deadline. Only for executions started with a
 * BusinessStatus (the API, the schedules and the order's child start do; the
 * time-skipping test server knows no custom attributes), and behind a patch: upserts are
 * commands, and executions started before this change must replay as they ran.
 */
export function showBusinessAttributes(update: BusinessAttributes): void {
  if (!patched('business-search-attributes')) return;
  if (!hasBusinessStatus()) return;
  upsertSearchAttributes([
    ...(update.businessStatus ? [{ key: searchAttributes.businessStatus, value: update.businessStatus }] : []),
    ...(update.carrierId ? [{ key: searchAttributes.carrierId, value: update.carrierId }] : []),
    ...(update.dueAt ? [{ key: searchAttributes.dueAt, value: new Date(update.dueAt) }] : []),
  ]);
}

/**
 * Whether this execution was started with a BusinessStatus: the API, the schedules and
 * the order's child start give one where the server registered it; the time-skipping test
 * server knows no custom attributes, and upserting an unknown one fails the task.
 */
export function hasBusinessStatus(): boolean {
  return workflowInfo().typedSearchAttributes.get(searchAttributes.businessStatus) !== undefined;
}

/** Keeps BusinessStatus in step with the process's own status, where it has one. */
export function showBusinessStatus(status: string): void {
  if (!hasBusinessStatus()) return;
  upsertSearchAttributes([{ key: searchAttributes.businessStatus, value: status }]);
}

/**
 * Labels each activity of a proxy with what it does, shown in the Temporal UI's timeline
 * instead of the bare function name (user metadata; not part of the replay check).
 */
export function labelActivities<A extends object>(
  proxy: ActivityInterfaceFor<A>,
  summaries: { [K in keyof A]?: string },
): ActivityInterfaceFor<A> {
  return new Proxy(proxy, {
    get(target, name, receiver) {
      const activity = Reflect.get(target, name, receiver) as
        { executeWithOptions?: (options: { summary: string }, args: unknown[]) => Promise<unknown> } | undefined;
      const summary = summaries[name as keyof A];
      const execute = activity?.executeWithOptions;
      if (typeof summary !== 'string' || typeof execute !== 'function') return activity;
      const labelled = (...args: unknown[]) => execute({ summary }, args);
      labelled.executeWithOptions = execute;
      return labelled;
    },
  });
}
