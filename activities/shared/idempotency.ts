import { ApplicationFailure, Context } from '@temporalio/activity';

/**
 * The id of the workflow running the current activity: with the step's name it makes the
 * idempotency key of a side effect, so a retry of the step is recognised downstream.
 */
export function workflowIdOfActivity(): string {
  const workflowId = Context.current().info.workflowExecution?.workflowId;
  if (!workflowId)
    throw ApplicationFailure.nonRetryable('this activity must run inside a workflow', 'NoWorkflowContext');
  return workflowId;
}
