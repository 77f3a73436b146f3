import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { recordHistory } from '../../helpers/histories';
import {
  complaintWorkflowHarness,
  fakeComplaintActivities,
  type ComplaintHandle,
} from '../../helpers/complaint-workflow';
import { HOUR } from '../../helpers/time';
import { useTimeSkippingEnv } from '../../helpers/workflow-env';
import { complaintUpdates, complaintStateQuery } from '../../../workflows/complaints/complaint-escalation.definitions';
import {
  recoveryClaimUpdates,
  recoveryClaimStateQuery,
  recoveryClaimWorkflowId,
} from '../../../workflows/complaints/recovery-claim.definitions';
import type { recoveryClaimWorkflow } from '../../../workflows/complaints/recovery-claim';

describe('complaintEscalationWorkflow: advance compensation and recovery (T/QGCML 3125 §4.8, §5.7)', () => {
  const env = useTimeSkippingEnv();
  const { run } = complaintWorkflowHarness(env);

  /**
   * Polls a query while the test server skips time in small steps, so activity retries
   * (the payout's outages) fire on the server's clock, not the machine's: a busy machine
   * cannot make it miss. 200 steps of 5 s stay far inside every deadline under test.
   */
  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const value = await read();
      if (done(value)) return value;
      await env().sleep('5 seconds');
    }
    throw new Error('condition never met');
  }

  /** Staff resolve the complaint with `remedy` and the consumer confirms: the process may end. */
  async function closeComplaint(handle: ComplaintHandle, remedy: 'compensation' | 'explanation', summary: string) {
    await handle.executeUpdate(complaintUpdates.resolve, { args: [{ by: 'staff-a', remedy, summary }] });
    await handle.executeUpdate(complaintUpdates.confirmResolution, { args: [{ by: 'consumer' }] });
  }

  /**
   * Staff pay an amount under the approval threshold at once (§4.8); resolves to the
   * recovery claim the payout opened against the party at fault.
   */
  async function compensateBelowThreshold(handle: ComplaintHandle, amount: number, reason: string) {
    await handle.executeUpdate(complaintUpdates.requestAdvanceCompensation, {
      args: [{ by: 'staff-a', amount, reason }],
    });
    await waitFor(
      () => handle.query(complaintStateQuery),
      (s) => s.status === 'recovery_pending',
    );
    return recoveryClaimOpened(handle.workflowId);
  }

  /** The recovery-claim child the complaint `complaintWorkflowId` started, once it holds its claim. */
  async function recoveryClaimOpened(complaintWorkflowId: string) {
    const claim = env().client.workflow.getHandle<typeof recoveryClaimWorkflow>(
      recoveryClaimWorkflowId(complaintWorkflowId.slice('complaint:'.length)),
    );
    await waitFor(
      () => claim.query(recoveryClaimStateQuery),
      (s) => s.claimId !== undefined,
    );
    return claim;
  }

  it('pays an advance compensation above the threshold once, after a second, different staff member approves; the recovery claim closes with a partial payment and a write-off', async () => {
    const fake = fakeComplaintActivities(env(), { calendar: '7x24', payoutOutages: 2, terms: { due: 48 * HOUR } });
    await run(fake.activities, { party: 'merchant' }, async (handle) => {
      // The merchant refuses; staff pay first (§4.8).
      await handle.executeUpdate(complaintUpdates.respond, {
        args: [{ by: 'merchant-user', role: 'merchant', messageId: 'refusal' }],
      });
      const requested = await handle.executeUpdate(complaintUpdates.requestAdvanceCompensation, {
        args: [{ by: 'staff-a', amount: 80_000, reason: 'merchant refused a defective item' }],
      });
      expect(requested.compensation?.status).toBe('awaiting_approval');
      const selfApproval = handle.executeUpdate(complaintUpdates.approveAdvanceCompensation, {
        args: [{ by: 'staff-a' }],
      });
      await expect(selfApproval).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(selfApproval).rejects.toHaveProperty(
        'cause.message',
        expect.stringContaining('a second, different staff member'),
      );
      await handle.executeUpdate(complaintUpdates.approveAdvanceCompensation, { args: [{ by: 'staff-b' }] });
      const state = await waitFor(
        () => handle.query(complaintStateQuery),
        (s) => s.status === 'recovery_pending',
      );
      expect(state.compensation).toMatchObject({
        amount: 80_000,
        requestedBy: 'staff-a',
        approvedBy: 'staff-b',
        status: 'paid',
      });

      // The claim against the merchant: a partial payment, then the rest written off.
      const claim = await recoveryClaimOpened(handle.workflowId);
      const tooMuch = claim.executeUpdate(recoveryClaimUpdates.recordPayment, {
        args: [{ by: 'merchant-user', amount: 90_000, method: 'payment' }],
      });
      await expect(tooMuch).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      const paid = await claim.executeUpdate(recoveryClaimUpdates.recordPayment, {
        args: [{ by: 'merchant-user', amount: 30_000, method: 'payment' }],
      });
      expect(paid).toMatchObject({ recovered: 30_000, status: 'open' });
      await claim.executeUpdate(recoveryClaimUpdates.writeOff, {
        args: [{ by: 'staff-a', reason: 'merchant closed its shop' }],
      });
      expect(await claim.result()).toMatchObject({ status: 'written_off', recovered: 30_000, writtenOff: 50_000 });
      await recordHistory(claim, 'recovery-claim-written-off');

      await closeComplaint(handle, 'compensation', 'paid by the platform');
      const result = await handle.result();
      await recordHistory(handle, 'complaint-advance-compensation');
      return result;
    });
    // One payout for the one key, however many attempts the outage cost.
    expect(fake.payouts.size).toBe(1);
    expect(new Set(fake.payoutAttempts)).toEqual(
      new Set([expect.stringMatching(/^complaint:.+:advance-compensation$/)]),
    );
    expect(fake.payoutAttempts).toHaveLength(3);
    const sum = (kind: string) => fake.ledger.filter((e) => e.kind === kind).reduce((total, e) => total + e.amount, 0);
    expect(sum('claimed')).toBe(80_000);
    expect(sum('recovered') + sum('written_off')).toBe(sum('claimed'));
    expect(fake.calls).toContain('sendRecoveryMail:recovery_claim_demand_party');
    expect(fake.calls).toContain('sendRecoveryMail:recovery_claim_closed_party');
    expect(fake.calls).toContain('sendComplaintMail:complaint_compensated_consumer');
  });

  it('writes an approval only after the request it approves, even when the request is still retrying through an outage', async () => {
    // The chaos run's case: staff A's request times out at the API while its record retries
    // through a database restart; staff B sees it waiting and approves. A late request write
    // after the payout would turn the paid compensation back to `awaiting_approval`.
    const fake = fakeComplaintActivities(env(), {
      calendar: '7x24',
      stepOutages: { 'compensation:advance': 2 },
    });
    // The platform's own complaint: no recovery claim outlives this test on the shared server.
    await run(fake.activities, { party: 'platform' }, async (handle) => {
      const request = await handle.startUpdate(complaintUpdates.requestAdvanceCompensation, {
        args: [{ by: 'staff-a', amount: 80_000, reason: 'merchant refused a defective item' }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      const approved = await handle.executeUpdate(complaintUpdates.approveAdvanceCompensation, {
        args: [{ by: 'staff-b' }],
      });
      expect(approved.compensation?.status).toBe('paying');
      expect((await request.result()).compensation?.status).toBe('paying');
      await waitFor(
        () => handle.query(complaintStateQuery),
        (s) => s.compensation?.status === 'paid',
      );
      await closeComplaint(handle, 'compensation', 'paid by the platform');
      const result = await handle.result();
      await recordHistory(handle, 'complaint-approval-after-request-record');
      return result;
    });
    const written = fake.calls.filter((c) => c.startsWith('recordComplaintStep:compensation'));
    expect(written).toEqual(['recordComplaintStep:compensation:advance', 'recordComplaintStep:compensation:approved']);
    expect(fake.calls.indexOf('recordComplaintStep:compensation:approved')).toBeLessThan(
      fake.calls.indexOf('payComplaintCompensation'),
    );
    expect(fake.payouts.size).toBe(1);
  });

  it('turns a payout the provider refuses for good into a staff task, never only a log line', async () => {
    const fake = fakeComplaintActivities(env(), { calendar: '7x24', payoutRefused: true });
    await run(fake.activities, { party: 'carrier' }, async (handle) => {
      await handle.executeUpdate(complaintUpdates.requestAdvanceCompensation, {
        args: [{ by: 'staff-a', amount: 1_000, reason: 'lost' }],
      });
      const state = await waitFor(
        () => handle.query(complaintStateQuery),
        (s) => s.compensation?.status === 'refused',
      );
      expect(state.recoveryClaimStarted).toBe(false);
      await closeComplaint(handle, 'explanation', 'x');
      return handle.result();
    });
    expect(fake.calls).toContain('openComplaintStaffTask');
    expect(fake.calls).toContain('sendComplaintMail:complaint_attention_staff:compensation_refused');
  });

  it('sends reminders every recoveryClaimReminder and tells staff once the claim is overdue', async () => {
    const fake = fakeComplaintActivities(env(), { calendar: '7x24', terms: { due: 60 * HOUR, reminder: 24 * HOUR } });
    await run(fake.activities, { party: 'carrier' }, async (handle) => {
      const claim = await compensateBelowThreshold(handle, 5_000, 'lost');
      await env().sleep(73 * HOUR);
      const state = await claim.query(recoveryClaimStateQuery);
      expect(state).toMatchObject({ remindersSent: 3, overdue: true, status: 'overdue' });
      await claim.executeUpdate(recoveryClaimUpdates.recordPayment, {
        args: [{ by: 'staff-a', amount: 5_000, method: 'settlement_deduction' }],
      });
      expect(await claim.result()).toMatchObject({ status: 'settled', recovered: 5_000 });
      await closeComplaint(handle, 'compensation', 'x');
      return handle.result();
    });
    expect(fake.calls.filter((c) => c.startsWith('sendRecoveryMail:recovery_claim_reminder_party'))).toHaveLength(3);
    expect(fake.calls.filter((c) => c === 'sendRecoveryMail:recovery_claim_overdue_staff')).toHaveLength(1);
  });

  it('pauses reminders while staff weigh a dispute; an upheld claim stands, a withdrawn one is written off and closes', async () => {
    const fake = fakeComplaintActivities(env(), { calendar: '7x24', terms: { due: 100 * HOUR, reminder: 24 * HOUR } });
    await run(fake.activities, { party: 'merchant' }, async (handle) => {
      const claim = await compensateBelowThreshold(handle, 9_000, 'x');
      expect(
        (await claim.executeUpdate(recoveryClaimUpdates.dispute, { args: [{ by: 'm', evidence: 'courier broke it' }] }))
          .status,
      ).toBe('disputed');
      await env().sleep(50 * HOUR);
      expect((await claim.query(recoveryClaimStateQuery)).remindersSent).toBe(0);
      const upheld = await claim.executeUpdate(recoveryClaimUpdates.decideDispute, {
        args: [{ by: 'staff-a', decision: 'upheld', note: 'photos show mould' }],
      });
      expect(upheld.status).toBe('open');
      await claim.executeUpdate(recoveryClaimUpdates.dispute, { args: [{ by: 'm', evidence: 'new evidence' }] });
      await claim.executeUpdate(recoveryClaimUpdates.decideDispute, {
        args: [{ by: 'staff-b', decision: 'withdrawn', note: 'carrier at fault' }],
      });
      expect(await claim.result()).toMatchObject({ status: 'written_off', recovered: 0, writtenOff: 9_000 });
      await closeComplaint(handle, 'compensation', 'x');
      return handle.result();
    });
    expect(fake.calls.filter((c) => c.startsWith('sendRecoveryMail:recovery_claim_reminder_party'))).toEqual([]);
  });

  it('resolves on the consumer’s acceptance of an explanation, lets them reopen within the follow-up window and ends when the window closes (§5.7)', async () => {
    const fake = fakeComplaintActivities(env(), { calendar: '7x24', terms: { reopen: 48 * HOUR } });
    const result = await run(fake.activities, { party: 'merchant' }, async (handle) => {
      await handle.executeUpdate(complaintUpdates.respond, {
        args: [{ by: 'merchant-user', role: 'merchant', messageId: 'm1', proposal: { remedy: 'explanation' } }],
      });
      expect(
        (await handle.executeUpdate(complaintUpdates.decideOnProposal, { args: [{ by: 'consumer', accept: true }] }))
          .status,
      ).toBe('resolved');
      const reopened = await handle.executeUpdate(complaintUpdates.reopen, {
        args: [{ by: 'consumer', messageId: 'r1' }],
      });
      expect(reopened.status).toBe('reopened');
      await handle.executeUpdate(complaintUpdates.resolve, {
        args: [{ by: 'staff-a', remedy: 'after_sales', summary: 'repair' }],
      });
      await env().sleep(49 * HOUR);
      return handle.result();
    });
    expect(result).toEqual({ complaintId: expect.any(String), status: 'resolved', remedy: 'after_sales' });
    expect(fake.calls).toContain('sendComplaintMail:complaint_attention_staff:reopened');
  });
});
