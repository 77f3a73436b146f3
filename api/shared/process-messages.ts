import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type SignalDefinition } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';
import { ConflictError } from '../../domain/errors';

/**
 * Sends an update (a decision, an inspection) to a business process and answers with its
 * outcome. Every process keyed by a business id maps its failures the same way: a refusal
 * the workflow raised (an ApplicationFailure of one of `refusedTypes`) is a 409 with the
 * workflow's own message; a process that never started or has finished is a 409 naming
 * the record's real state (`stateOf`). Anything else is not the client's doing and rethrows.
 */
export async function messageProcess<T>(
  send: () => Promise<T>,
  refusedTypes: readonly string[],
  stateOf: () => string,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type && refusedTypes.includes(cause.type))
      throw new ConflictError(cause.message);
    if (error instanceof WorkflowNotFoundError || isCompletedError(error)) throw new ConflictError(stateOf());
    throw error;
  }
}

/** Temporal answers an update to a finished workflow with "workflow execution already completed". */
function isCompletedError(error: unknown): boolean {
  return error instanceof Error && /already completed/i.test(error.message);
}

/**
 * Signals a process that a record it watches changed. A process not started yet reads the
 * record when it starts, so a missing one is only worth a warning (ids only in the log).
 */
export async function signalIfRunning<A extends unknown[]>(
  temporal: Client,
  log: FastifyBaseLogger,
  workflowId: string,
  signal: SignalDefinition<A>,
  args: A,
  logContext: Record<string, string>,
  missingMessage: string,
): Promise<void> {
  try {
    await temporal.workflow.getHandle(workflowId).signal(signal, ...args);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    log.warn(logContext, missingMessage);
  }
}
