import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import type { createOrderActivities } from '../../activities/order/order-activities';
import type { createStaffTaskActivities } from '../../activities/shared/staff-tasks';
import type { CancelReason, OrderStatus } from '../../domain/order-status';
import {
  cancelOrderUpdate,
  confirmOrderUpdate,
  ORDER_ALREADY_DECIDED,
  orderStateQuery,
  rejectOrderUpdate,
  type OrderConfirmationInput,
  type OrderConfirmationResult,
  type OrderConfirmationState,
  type DecisionInput,
} from './order-confirmation.definitions';
import {
  DELIVERY_HANDOVER_TASK_QUEUE,
  DELIVERY_HANDOVER_WORKFLOW,
  handoverWorkflowId,
} from '../delivery/delivery-handover.definitions';
import { QUICK_LOCAL_ACTIVITY } from '../shared/activity-options';
import { msUntil } from '../shared/time';
import { showBusinessStatus } from '../shared/visibility';
import { handoverStartMetadata } from '../delivery/delivery-handover.metadata';

type OrderActivities = ReturnType<typeof createOrderActivities>;
type StaffTaskActivities = ReturnType<typeof createStaffTaskActivities>;

/** Database and mail: quick, retried until they work. */
const local = proxyActivities<OrderActivities>(QUICK_LOCAL_ACTIVITY);

/** Payment provider calls: bounded, idempotent on their keys, so retrying is safe. */
const payments = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '2 minutes',
    maximumAttempts: 20,
    // The provider refused the request itself (4xx): asking again cannot help.
    nonRetryableErrorTypes: ['PaymentRequestRejected'],
  },
});

/**
 * Compensations that move money (voiding the authorisation): no attempt limit, so a
 * provider outage of any length is waited out; only the provider's own refusal ends them,
 * and that opens a staff task (docs/architecture.md "Workflows": money never waits on a log line).
 */
const moneyCompensation = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['PaymentRequestRejected'],
  },
});

const staffTasks = proxyActivities<StaffTaskActivities>(QUICK_LOCAL_ACTIVITY);

/** Executions that started compensating before this patch replay with the old, logging-only path. */
const MONEY_COMPENSATION_PATCH = 'money-compensation-staff-task';

/** The failure's own words (the provider's refusal), not the activity wrapper's. */
function reasonOf(error: unknown): string {
  const cause = error instanceof ActivityFailure ? (error.cause ?? error) : error;
  const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return message.slice(0, 500);
}

/**
 * Keeps the BusinessStatus search attribute in step, so staff can filter orders by status
 * in the Temporal UI. Only where the API registered it at start (the time-skipping test
 * server knows no custom attributes); behind a patch so executions started before
 * this change replay as they ran.
 */
function showStatus(status: OrderStatus): void {
  if (!patched('business-status-search-attribute')) return;
  showBusinessStatus(status);
}

type Decision =
  { kind: 'confirm'; by: string } | { kind: 'reject'; by: string; reason: string } | { kind: 'cancel'; by: string };

/**
 * Order confirmation control (T/QGCML 3125 §4.7): the merchant confirms within one
 * working day of placement or the order is cancelled and its money and stock released.
 *
 * reserve stock → authorise payment → tell merchant and consumer → wait for the merchant
 * (reminder first) or the consumer's cancellation until the deadline → capture, or
 * release everything in reverse (saga) and tell the consumer why.
 */
export async function orderConfirmationWorkflow(input: OrderConfirmationInput): Promise<OrderConfirmationResult> {
  const { orderId } = input;
  const state: OrderConfirmationState = { status: 'awaiting_confirmation', reminderSent: false };
  let decision: Decision | undefined;
  let settled = false;

  const rejectIfDecided = () => {
    if (decision || state.status !== 'awaiting_confirmation') {
      throw ApplicationFailure.create({
        type: ORDER_ALREADY_DECIDED,
        message: `order ${orderId} is ${state.status}${state.cancelReason ? ` (${state.cancelReason})` : ''}`,
        nonRetryable: true,
      });
    }
  };
  const decide = async (next: Decision) => {
    decision = next;
    await condition(() => settled);
    return { status: state.status, cancelReason: state.cancelReason };
  };
  setHandler(orderStateQuery, () => state);
  setHandler(confirmOrderUpdate, ({ by }) => decide({ kind: 'confirm', by }), {
    validator: (_: DecisionInput) => rejectIfDecided(),
  });
  setHandler(rejectOrderUpdate, ({ by, reason }) => decide({ kind: 'reject', by, reason }), {
    validator: (_: DecisionInput & { reason: string }) => rejectIfDecided(),
  });
  setHandler(cancelOrderUpdate, ({ by }) => decide({ kind: 'cancel', by }), {
    validator: (_: DecisionInput) => rejectIfDecided(),
  });

  /** `moneyNeverDropped`: retry without limit and hand a refusal to staff (patched). */
  type Compensation = { name: string; movesMoney?: boolean; run: (moneyNeverDropped: boolean) => Promise<unknown> };
  const compensations: Compensation[] = [];
  const cancel = async (reason: CancelReason) => {
    const moneyNeverDropped = patched(MONEY_COMPENSATION_PATCH);
    // Undo in reverse; a failing compensation does not stop the others.
    for (const { name, movesMoney, run } of compensations.reverse()) {
      try {
        await run(moneyNeverDropped);
      } catch (error) {
        log.error('compensation failed', { orderId, compensation: name, error: String(error) });
        if (moneyNeverDropped && movesMoney) {
          // The provider refused for good: the consumer's money stays held until a person acts.
          await staffTasks.openStaffTask({
            kind: 'payment_void_refused',
            subjectType: 'order',
            subjectId: orderId,
            reason: reasonOf(error),
          });
        }
      }
    }
    state.status = 'cancelled';
    state.cancelReason = reason;
    await local.recordOrderCancelled({ orderId, reason, by: decision?.by });
    showStatus('cancelled');
    await notify('order_cancelled_consumer');
  };
  /** Mail is best effort: a message that cannot be sent never cancels or blocks an order. */
  const notify = async (purpose: Parameters<OrderActivities['sendOrderMail']>[0]['purpose']) => {
    try {
      await local.sendOrderMail({ orderId, purpose });
    } catch (error) {
      log.warn('order mail not sent', { orderId, purpose, error: String(error) });
    }
  };

  try {
    const plan = await local.planOrderConfirmation({ orderId, placedAt: input.placedAt });
    state.confirmBy = plan.confirmBy;
    state.commitmentVersion = plan.commitmentVersion;

    await local.reserveStock({ orderId });
    compensations.push({ name: 'releaseStock', run: () => local.releaseStock({ orderId }) });

    const authorisation = await payments.authorizePayment({ orderId });
    if (authorisation.status === 'declined') {
      await cancel('payment_declined');
      return await finish();
    }
    compensations.push({
      name: 'voidPayment',
      movesMoney: true,
      run: (moneyNeverDropped) => (moneyNeverDropped ? moneyCompensation : payments).voidPayment({ orderId }),
    });

    await Promise.all([notify('order_placed_merchant'), notify('order_received_consumer')]);

    const untilReminder = msUntil(plan.remindAt);
    const decidedBeforeReminder = await condition(() => decision !== undefined, untilReminder, {
      summary: 'merchant confirmation reminder (before the deadline)',
    });
    if (!decidedBeforeReminder) {
      await notify('order_confirmation_reminder_merchant');
      state.reminderSent = true;
    }
    const untilDeadline = msUntil(plan.confirmBy);
    const decidedInTime = await condition(() => decision !== undefined, untilDeadline, {
      summary: 'merchant confirmation deadline (§4.7: one working day)',
    });

    if (!decidedInTime) {
      await local.recordSlaBreach({ orderId, obligation: 'order_confirmation', dueAt: plan.confirmBy });
      await cancel('confirmation_overdue');
    } else if (decision?.kind === 'confirm') {
      await payments.capturePayment({ orderId });
      state.status = 'confirmed';
      await local.recordOrderConfirmed({ orderId, by: decision.by });
      showStatus('confirmed');
      if (patched('start-delivery-handover')) {
        // The handover outlives this workflow, which ends with the confirmation (§6.2).
        await startChild(DELIVERY_HANDOVER_WORKFLOW, {
          workflowId: handoverWorkflowId(orderId),
          taskQueue: DELIVERY_HANDOVER_TASK_QUEUE,
          args: [{ orderId, merchantId: input.merchantId, confirmedAt: new Date().toISOString() }],
          parentClosePolicy: 'ABANDON',
          ...handoverStartMetadata(orderId, input.merchantId),
        });
      }
      await notify('order_confirmed_consumer');
    } else {
      await cancel(decision?.kind === 'reject' ? 'merchant_rejected' : 'consumer_cancelled');
    }
  } catch (error) {
    // A step failed for good (its retries exhausted or non-retryable): no money may stay
    // authorised and no stock reserved for an order that cannot go on.
    log.error('order confirmation failed; compensating', { orderId, error: String(error) });
    if (state.status === 'awaiting_confirmation') await cancel('processing_failed');
  }
  return await finish();

  /** Answers the waiting decisions with the outcome, then completes. */
  async function finish(): Promise<OrderConfirmationResult> {
    settled = true;
    await condition(allHandlersFinished);
    return {
      orderId,
      status: state.status === 'confirmed' ? 'confirmed' : 'cancelled',
      ...(state.cancelReason ? { cancelReason: state.cancelReason } : {}),
    };
  }
}
