import { WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { rejectOrderUpdate } from '../../../workflows/order/order-confirmation.definitions';
import { recordHistory } from '../../helpers/histories';
import { fakeActivities, orderWorkflowHarness, type Activities } from '../../helpers/order-workflow';
import { HOUR } from '../../helpers/time';
import { useTimeSkippingEnv } from '../../helpers/workflow-env';

/** More failures than the payment steps' 20 attempts: a money compensation has no such limit. */
const OUTAGE_ATTEMPTS = 25;

describe('orderConfirmationWorkflow: a compensation that moves money is never dropped (T/QGCML 3125 §4.6)', () => {
  const env = useTimeSkippingEnv();
  const { run, waitForStatusQueryable } = orderWorkflowHarness(env);
  const rejectByMerchant = async (orderId: string) => {
    const handle = await waitForStatusQueryable(orderId);
    await handle.executeUpdate(rejectOrderUpdate, { args: [{ by: 'merchant-user', reason: 'sold out' }] });
  };

  it('opens a staff task when the provider refuses the void for good, and the order still ends cancelled', async () => {
    const fake = fakeActivities(env(), {
      windowMs: HOUR,
      failing: {
        voidPayment: ApplicationFailure.create({
          type: 'PaymentRequestRejected',
          message: 'payment provider rejected the request (409 invalid_state): authorization expired',
          nonRetryable: true,
        }),
      },
    });
    const { result, orderId, handle } = await run(fake.activities, rejectByMerchant);
    await recordHistory(handle, 'order-confirmation-void-refused-staff-task');

    expect(result).toEqual({ orderId, status: 'cancelled', cancelReason: 'merchant_rejected' });
    // Refused once means refused: the provider was asked once, then a person was.
    expect(fake.calls.filter((call) => call === 'voidPayment')).toHaveLength(1);
    expect(fake.staffTasks).toEqual([
      {
        kind: 'payment_void_refused',
        subjectType: 'order',
        subjectId: orderId,
        reason: expect.stringContaining('409 invalid_state'),
      },
    ]);
    // The other compensations and the consumer's notice still ran after it.
    expect(fake.calls.slice(fake.calls.indexOf('openStaffTask:payment_void_refused'))).toEqual([
      'openStaffTask:payment_void_refused',
      'releaseStock',
      'recordOrderCancelled:merchant_rejected',
      'sendOrderMail:order_cancelled_consumer',
    ]);
  });

  it(`retries a void the provider cannot answer (${OUTAGE_ATTEMPTS} attempts) until it succeeds, opening no task`, async () => {
    const fake = fakeActivities(env(), { windowMs: HOUR });
    let attempts = 0;
    const activities: Activities = {
      ...fake.activities,
      async voidPayment() {
        attempts += 1;
        if (attempts < OUTAGE_ATTEMPTS) {
          throw ApplicationFailure.retryable('gateway unavailable (503)', 'PaymentProviderUnavailable');
        }
        fake.calls.push('voidPayment');
      },
    };
    // Only accepted here: the outage's backoff (minutes of virtual time) is skipped while
    // the harness waits on the result, not while an update waits for its outcome.
    const { result } = await run(activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      await handle.startUpdate(rejectOrderUpdate, {
        args: [{ by: 'merchant-user', reason: 'sold out' }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
    });

    expect(attempts).toBe(OUTAGE_ATTEMPTS);
    expect(result.cancelReason).toBe('merchant_rejected');
    expect(fake.staffTasks).toEqual([]);
    expect(fake.calls.slice(-4)).toEqual([
      'voidPayment',
      'releaseStock',
      'recordOrderCancelled:merchant_rejected',
      'sendOrderMail:order_cancelled_consumer',
    ]);
  });
});
