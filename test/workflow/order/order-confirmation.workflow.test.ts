import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { handoverWorkflowId } from '../../../workflows/delivery/delivery-handover.definitions';
import {
  cancelOrderUpdate,
  confirmOrderUpdate,
  ORDER_ALREADY_DECIDED,
  rejectOrderUpdate,
} from '../../../workflows/order/order-confirmation.definitions';
import { recordHistory } from '../../helpers/histories';
import { fakeActivities, orderWorkflowHarness, withParallelMailsSorted } from '../../helpers/order-workflow';
import { HOUR } from '../../helpers/time';
import { useTimeSkippingEnv } from '../../helpers/workflow-env';

describe('orderConfirmationWorkflow: decisions and compensation (T/QGCML 3125 §4.7)', () => {
  const env = useTimeSkippingEnv();
  const { run, waitForStatusQueryable, startedHandovers } = orderWorkflowHarness(env);

  it('confirms when the merchant confirms in time: captures the payment and tells the consumer', async () => {
    const fake = fakeActivities(env());
    let outcome: unknown;
    const { result, handle } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      outcome = await handle.executeUpdate(confirmOrderUpdate, { args: [{ by: 'merchant-user' }] });
    });
    await recordHistory(handle, 'order-confirmation-confirmed-with-handover');

    expect(outcome).toEqual({ status: 'confirmed' });
    // The delivery handover (§6.2) went on as a child that outlives the order workflow.
    expect(startedHandovers).toContain(handoverWorkflowId(result.orderId));
    expect(result).toEqual({ orderId: expect.any(String), status: 'confirmed' });
    expect(withParallelMailsSorted(fake.calls)).toEqual([
      'planOrderConfirmation',
      'reserveStock',
      'authorizePayment',
      'sendOrderMail:order_placed_merchant',
      'sendOrderMail:order_received_consumer',
      'capturePayment',
      'recordOrderConfirmed',
      'sendOrderMail:order_confirmed_consumer',
    ]);
  });

  it('cancels a rejected order: voids the authorisation, releases the stock, records merchant_rejected', async () => {
    const fake = fakeActivities(env());
    let outcome: unknown;
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      outcome = await handle.executeUpdate(rejectOrderUpdate, {
        args: [{ by: 'merchant-user', reason: 'out of stock' }],
      });
    });

    expect(outcome).toEqual({ status: 'cancelled', cancelReason: 'merchant_rejected' });
    expect(result.cancelReason).toBe('merchant_rejected');
    expect(fake.calls.slice(-4)).toEqual([
      'voidPayment',
      'releaseStock',
      'recordOrderCancelled:merchant_rejected',
      'sendOrderMail:order_cancelled_consumer',
    ]);
    expect(fake.calls).not.toContain('capturePayment');
  });

  it('lets the consumer cancel before confirmation', async () => {
    const fake = fakeActivities(env());
    let outcome: unknown;
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      outcome = await handle.executeUpdate(cancelOrderUpdate, { args: [{ by: 'consumer-1' }] });
    });

    expect(outcome).toEqual({ status: 'cancelled', cancelReason: 'consumer_cancelled' });
    expect(result.cancelReason).toBe('consumer_cancelled');
    expect(fake.calls).not.toContain('capturePayment');
  });

  it('accepts only the first of two racing decisions; the other is refused as already decided', async () => {
    const fake = fakeActivities(env());
    let decisions: PromiseSettledResult<unknown>[] = [];
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      decisions = await Promise.allSettled([
        handle.executeUpdate(confirmOrderUpdate, { args: [{ by: 'merchant-user' }] }),
        handle.executeUpdate(cancelOrderUpdate, { args: [{ by: 'consumer-1' }] }),
      ]);
    });

    const accepted = decisions.filter((decision) => decision.status === 'fulfilled') as PromiseFulfilledResult<{
      status: string;
    }>[];
    const refused = decisions.filter((decision) => decision.status === 'rejected') as PromiseRejectedResult[];
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused[0]!.reason as WorkflowUpdateFailedError).cause).toMatchObject({ type: ORDER_ALREADY_DECIDED });
    expect(accepted[0]!.value.status).toBe(result.status);
  });

  it('goes on when a mail cannot be sent: the merchant can still confirm', async () => {
    const fake = fakeActivities(env(), {
      failing: { sendOrderMail: ApplicationFailure.nonRetryable('no such mailbox') },
    });
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      await handle.executeUpdate(confirmOrderUpdate, { args: [{ by: 'merchant-user' }] });
    });

    expect(result.status).toBe('confirmed');
    expect(fake.calls).toContain('capturePayment');
  });

  it('cancels with payment_declined when the authorisation is declined, releasing stock and voiding nothing', async () => {
    const fake = fakeActivities(env(), { declined: true });
    const { result } = await run(fake.activities);

    expect(result).toEqual({ orderId: expect.any(String), status: 'cancelled', cancelReason: 'payment_declined' });
    expect(fake.calls).toEqual([
      'planOrderConfirmation',
      'reserveStock',
      'authorizePayment',
      'releaseStock',
      'recordOrderCancelled:payment_declined',
      'sendOrderMail:order_cancelled_consumer',
    ]);
  });

  it.each([
    ['authorizePayment', ['releaseStock']],
    ['reserveStock', []],
    ['capturePayment', ['voidPayment', 'releaseStock']],
  ] as const)('compensates everything done before %s fails for good', async (failingStep, compensations) => {
    const fake = fakeActivities(env(), {
      failing: { [failingStep]: ApplicationFailure.nonRetryable(`${failingStep} refused`) },
    });
    const { result } = await run(fake.activities, async (orderId) => {
      if (failingStep !== 'capturePayment') return;
      const handle = await waitForStatusQueryable(orderId);
      await handle.executeUpdate(confirmOrderUpdate, { args: [{ by: 'merchant-user' }] });
    });

    expect(result.cancelReason).toBe('processing_failed');
    const afterFailure = fake.calls.slice(fake.calls.findIndex((call) => call.startsWith(failingStep)) + 1);
    expect(afterFailure.filter((call) => call === 'voidPayment' || call === 'releaseStock')).toEqual(compensations);
    expect(afterFailure).toContain('recordOrderCancelled:processing_failed');
  });

  it('still releases the stock when voiding the authorisation fails', async () => {
    const fake = fakeActivities(env(), {
      windowMs: HOUR,
      failing: { voidPayment: ApplicationFailure.nonRetryable('gateway refused') },
    });
    const { result } = await run(fake.activities, async (orderId) => {
      const handle = await waitForStatusQueryable(orderId);
      await handle.executeUpdate(rejectOrderUpdate, { args: [{ by: 'merchant-user', reason: 'no' }] });
    });

    expect(result.cancelReason).toBe('merchant_rejected');
    expect(fake.calls).toEqual(
      expect.arrayContaining(['voidPayment', 'releaseStock', 'recordOrderCancelled:merchant_rejected']),
    );
  });
});
