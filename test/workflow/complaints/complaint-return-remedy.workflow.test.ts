import { ApplicationFailure } from '@temporalio/common';
import {
  RETURN_REMEDY_NOT_POSSIBLE,
  type ComplaintReturn,
  type ReturnForComplaintInput,
} from '../../../activities/complaints/complaint-return-activities';
import type { ComplaintStepInput } from '../../../activities/complaints/complaint-activities';
import {
  complaintUpdates,
  complaintStateQuery,
  type ComplaintEscalationState,
} from '../../../workflows/complaints/complaint-escalation.definitions';
import {
  returnSignals,
  returnUpdates,
  returnStateQuery,
  returnWorkflowId,
} from '../../../workflows/returns/return-refund.definitions';
import type { returnRefundWorkflow } from '../../../workflows/returns/return-refund';
import {
  complaintWorkflowHarness,
  fakeComplaintActivities,
  type ComplaintActivities,
} from '../../helpers/complaint-workflow';
import { recordHistory } from '../../helpers/histories';
import { useTimeSkippingEnv } from '../../helpers/workflow-env';
import { fakeReturnActivities } from '../../helpers/return-workflow';

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition never met');
}

describe('complaintEscalationWorkflow: an accepted return or exchange runs returnRefund as a child (T/QGCML 3125 §4.8, §5.7, §6.4)', () => {
  const env = useTimeSkippingEnv();
  const { run } = complaintWorkflowHarness(env);

  /** Complaint and return fakes on one worker (queue `commerce`, where the child runs too). */
  function fakes(options: { returnRefused?: string } = {}) {
    const complaint = fakeComplaintActivities(env(), { calendar: '7x24' });
    const returns = fakeReturnActivities(env(), { kind: 'return', refundAmount: 27_800 });
    const steps: ComplaintStepInput[] = [];
    const made: ReturnForComplaintInput[] = [];
    const remedy = {
      async recordComplaintStep(input: ComplaintStepInput) {
        steps.push(input);
        await complaint.activities.recordComplaintStep(input);
      },
      async createReturnForComplaint(input: ReturnForComplaintInput): Promise<ComplaintReturn> {
        if (options.returnRefused)
          throw ApplicationFailure.nonRetryable(options.returnRefused, RETURN_REMEDY_NOT_POSSIBLE);
        made.push(input);
        return {
          returnId: `r-${input.complaintId}`,
          orderId: 'o-1',
          merchantId: 'm-1',
          requestedAt: new Date(Number(await env().currentTimeMs())).toISOString(),
          currency: 'CNY',
        };
      },
    } satisfies Partial<ComplaintActivities>;
    const activities = { ...complaint.activities, ...returns.activities, ...remedy } as ComplaintActivities;
    return { activities, calls: complaint.calls, returnCalls: returns.calls, slip: returns.slip, steps, made };
  }

  async function proposeAndAccept(
    handle: Parameters<Parameters<ReturnType<typeof complaintWorkflowHarness>['run']>[2]>[0],
    remedy: 'return' | 'exchange',
  ) {
    await handle.executeUpdate(complaintUpdates.respond, {
      args: [{ by: 'merchant-user', role: 'merchant', messageId: 'm1', proposal: { remedy } }],
    });
    return handle.executeUpdate(complaintUpdates.decideOnProposal, { args: [{ by: 'consumer-1', accept: true }] });
  }

  it('a return the consumer accepts starts return:<id>; the consumer is answered at once, and the complaint resolves with the refund', async () => {
    const fake = fakes();
    let state: ComplaintEscalationState | undefined;
    await run(fake.activities, { party: 'merchant' }, async (handle) => {
      const accepted = await proposeAndAccept(handle, 'return');
      // The update answers before the return is even made: the consumer's call never waits on it.
      expect(accepted.status).toBe('responded');

      const complaintId = handle.workflowId.slice('complaint:'.length);
      const child = env().client.workflow.getHandle<typeof returnRefundWorkflow>(returnWorkflowId(`r-${complaintId}`));
      await waitFor(
        () => child.query(returnStateQuery),
        (s) => s.status === 'requested',
      );
      expect((await child.describe()).parentExecution?.workflowId).toBe(handle.workflowId);
      expect((await handle.query(complaintStateQuery)).returnId).toBe(`r-${complaintId}`);

      await child.executeUpdate(returnUpdates.approve, { args: [{ by: 'merchant-1' }] });
      fake.slip.carrierSigned = true;
      fake.slip.merchantSigned = true;
      await child.signal(returnSignals.slipChanged, { returnId: `r-${complaintId}` });
      await waitFor(
        () => child.query(returnStateQuery),
        (s) => s.status === 'received',
      );
      await child.executeUpdate(returnUpdates.inspect, {
        args: [{ by: 'merchant-1', lines: [{ productId: 'tea', received: 2, accepted: 2, condition: 'as_new' }] }],
      });
      expect(await child.result()).toMatchObject({ status: 'refunded', refundAmount: 27_800 });
      state = await waitFor(
        () => handle.query(complaintStateQuery),
        (s) => s.status === 'resolved',
      );
      await handle.result();
      await recordHistory(handle, 'complaint-return-remedy-refunded');
    });
    expect(state?.resolution).toEqual({ remedy: 'return', by: 'consumer-1' });
    expect(fake.made).toHaveLength(1);
    const resolved = fake.steps.find((step) => step.resolution);
    expect(resolved?.resolution?.summary).toMatch(/^return r-.+ refunded ¥278\.00$/);
    expect(fake.steps.map((step) => step.step)).toContain('return-started:0');
    expect(fake.returnCalls).toContain('refunded');
    expect(fake.calls).toContain('sendComplaintMail:complaint_resolved_consumer');
  });

  it('an accepted exchange asks the returns process for an exchange (it ships a replacement); a rejected one resolves the complaint naming the rejection', async () => {
    const fake = fakes();
    await run(fake.activities, { party: 'merchant' }, async (handle) => {
      await proposeAndAccept(handle, 'exchange');
      const complaintId = handle.workflowId.slice('complaint:'.length);
      const child = env().client.workflow.getHandle<typeof returnRefundWorkflow>(returnWorkflowId(`r-${complaintId}`));
      await waitFor(
        () => child.query(returnStateQuery),
        (s) => s.status === 'requested',
      );
      expect(fake.made).toEqual([{ complaintId, type: 'exchange' }]);
      await child.executeUpdate(returnUpdates.reject, { args: [{ by: 'merchant-1', reason: 'worn' }] });
      await handle.result();
      await recordHistory(handle, 'complaint-exchange-remedy-rejected');
    });
    const thread = fake.steps.map((step) => step.step);
    expect(thread).toContain('return-started:0');
    // Complaints that began before exchanges were offered said the exchange came back as a return.
    expect(thread).not.toContain('exchange-as-return:0');
    const resolved = fake.steps.find((step) => step.resolution);
    expect(resolved?.resolution).toMatchObject({ remedy: 'exchange', summary: expect.stringMatching(/rejected/) });
  });

  it('a return the order no longer allows goes back to staff (escalated, staff mailed) and starts no process', async () => {
    const fake = fakes({ returnRefused: 'no return possible for order o-1: the return window for quality ended' });
    await run(fake.activities, { party: 'merchant' }, async (handle) => {
      await proposeAndAccept(handle, 'return');
      // Escalated first, staff mailed just after: wait for both before ending the run.
      const state = await waitFor(
        () => handle.query(complaintStateQuery),
        (s) =>
          s.status === 'escalated' &&
          fake.calls.includes('sendComplaintMail:complaint_attention_staff:return_not_possible'),
      );
      expect(state.returnId).toBeUndefined();
      await handle.terminate('test done');
    });
    const escalated = fake.steps.find((step) => step.step === 'return-not-possible:0');
    expect(escalated).toMatchObject({ status: 'escalated', escalated: true });
    expect(escalated?.event).toMatch(/return window for quality ended/);
    expect(fake.calls).toContain('sendComplaintMail:complaint_attention_staff:return_not_possible');
    expect(fake.returnCalls).toEqual([]);
  });
});
