import { recordHistory } from '../../helpers/histories';
import { complaintWorkflowHarness, fakeComplaintActivities } from '../../helpers/complaint-workflow';
import { useTimeSkippingEnv } from '../../helpers/workflow-env';
import { complaintUpdates, complaintStateQuery } from '../../../workflows/complaints/complaint-escalation.definitions';
import { HOUR, MINUTE } from '../../helpers/time';

describe('complaintEscalationWorkflow: response deadlines (T/QGCML 3125 §4.7, §4.8, §6.1)', () => {
  const env = useTimeSkippingEnv();
  const { run } = complaintWorkflowHarness(env);

  /** Staff close the complaint and the consumer confirms, so the workflow completes. */
  async function close(handle: Parameters<Parameters<typeof run>[2]>[0]) {
    await handle.executeUpdate(complaintUpdates.resolve, {
      args: [{ by: 'staff-1', remedy: 'explanation', summary: 'answered' }],
    });
    await handle.executeUpdate(complaintUpdates.confirmResolution, { args: [{ by: 'consumer-1' }] });
    return handle.result();
  }

  it('escalates a quality complaint the merchant ignores for half a working day: warning first, merchant breach, platform breach, staff mailed', async () => {
    // Wednesday 2026-11-25 10:00 Beijing time: half a working day ends at 14:00, the warning at 13:00.
    const fake = fakeComplaintActivities(env(), { virtualFiledAt: new Date('2026-11-25T10:00:00+08:00') });
    const start = Number(await env().currentTimeMs());
    await run(fake.activities, { party: 'merchant' }, async (handle) => {
      await env().sleep(5 * HOUR);
      const state = await handle.query(complaintStateQuery);
      expect(state.status).toBe('escalated');
      expect(state.breaches.map((b) => `${b.obligation}:${b.party}`).sort()).toEqual([
        'complaint_first_response:platform',
        'complaint_response:merchant',
      ]);
      expect(state.warningsSent.sort()).toEqual(['first_response', 'party']);
      const result = await close(handle);
      await recordHistory(handle, 'complaint-escalated');
      return result;
    });
    const warnedAt = fake.callTimes['sendComplaintMail:complaint_response_warning:party']! - start;
    expect(warnedAt).toBeGreaterThanOrEqual(3 * HOUR);
    expect(warnedAt).toBeLessThan(3 * HOUR + MINUTE);
    const breachAt = fake.callTimes['recordComplaintBreach:complaint_response:merchant']! - start;
    expect(breachAt).toBeGreaterThanOrEqual(4 * HOUR);
    expect(breachAt).toBeLessThan(4 * HOUR + MINUTE);
    // Both clocks ran out together: one escalation, both breaches mailed to staff.
    expect(fake.calls.filter((call) => call.startsWith('recordComplaintStep:escalated:'))).toHaveLength(1);
    expect(fake.calls.filter((call) => call === 'sendComplaintMail:complaint_overdue_staff')).toHaveLength(2);
  });

  it('stops both clocks when the merchant answers in time: no breach, no escalation, the consumer is mailed', async () => {
    const fake = fakeComplaintActivities(env(), { virtualFiledAt: new Date('2026-11-25T10:00:00+08:00') });
    await run(fake.activities, { party: 'merchant' }, async (handle) => {
      await env().sleep(HOUR);
      const outcome = await handle.executeUpdate(complaintUpdates.respond, {
        args: [{ by: 'merchant-user', role: 'merchant', messageId: 'msg-1' }],
      });
      expect(outcome.status).toBe('responded');
      await env().sleep(6 * HOUR);
      const state = await handle.query(complaintStateQuery);
      expect(state.status).toBe('responded');
      expect(state.breaches).toEqual([]);
      return close(handle);
    });
    expect(fake.calls).toContain('sendComplaintMail:complaint_response_consumer');
    expect(fake.calls.filter((c) => c.startsWith('recordComplaintBreach'))).toEqual([]);
  });

  it('escalates a delivery complaint the carrier ignores for one working day even though staff answered the consumer first', async () => {
    const fake = fakeComplaintActivities(env(), {
      virtualFiledAt: new Date('2026-11-25T09:00:00+08:00'),
      terms: { party: 8 * HOUR },
    });
    const start = Number(await env().currentTimeMs());
    await run(fake.activities, { party: 'carrier' }, async (handle) => {
      await env().sleep(HOUR);
      await handle.executeUpdate(complaintUpdates.respond, {
        args: [{ by: 'staff-1', role: 'staff', messageId: 'm-1' }],
      });
      await env().sleep(8 * HOUR);
      const state = await handle.query(complaintStateQuery);
      expect(state.status).toBe('escalated');
      expect(state.breaches).toEqual([
        { obligation: 'complaint_response', party: 'carrier', dueAt: state.partyRespondBy },
      ]);
      return close(handle);
    });
    const breachAt = fake.callTimes['recordComplaintBreach:complaint_response:carrier']! - start;
    expect(breachAt).toBeGreaterThanOrEqual(8 * HOUR);
    expect(breachAt).toBeLessThan(8 * HOUR + MINUTE);
  });

  it('charges the platform itself when nobody answers a service complaint within half a working day', async () => {
    const fake = fakeComplaintActivities(env(), { virtualFiledAt: new Date('2026-11-25T10:00:00+08:00') });
    await run(fake.activities, { party: 'platform' }, async (handle) => {
      await env().sleep(5 * HOUR);
      const state = await handle.query(complaintStateQuery);
      expect(state.status).toBe('escalated');
      expect(state.breaches.map((b) => `${b.obligation}:${b.party}`)).toEqual(['complaint_first_response:platform']);
      return close(handle);
    });
    expect(fake.calls).not.toContain('sendComplaintMail:complaint_filed_party');
  });
});

describe('complaintEscalationWorkflow on 5x8 with China’s holidays (T/QGCML 3125 §4.7, §4.8)', () => {
  const env = useTimeSkippingEnv();
  const { run } = complaintWorkflowHarness(env);

  async function breachOffset(virtualFiledAt: Date, sleepMs: number) {
    const fake = fakeComplaintActivities(env(), { virtualFiledAt });
    const start = Number(await env().currentTimeMs());
    await run(fake.activities, { party: 'merchant' }, async (handle) => {
      await env().sleep(sleepMs);
      await handle.executeUpdate(complaintUpdates.resolve, {
        args: [{ by: 's', remedy: 'explanation', summary: 'x' }],
      });
      await handle.executeUpdate(complaintUpdates.confirmResolution, { args: [{ by: 'c' }] });
      return handle.result();
    });
    return fake.callTimes['recordComplaintBreach:complaint_response:merchant']! - start;
  }

  it('skips National Day 2026: filed Wednesday 30 September 16:00, half a working day ends Thursday 8 October 12:00', async () => {
    const filed = new Date('2026-09-30T16:00:00+08:00');
    const expected = new Date('2026-10-08T12:00:00+08:00').getTime() - filed.getTime();
    const offset = await breachOffset(filed, expected + HOUR);
    expect(offset).toBeGreaterThanOrEqual(expected);
    expect(offset).toBeLessThan(expected + MINUTE);
  });

  it('honours the 调休 working Saturday 10 October 2026: filed Friday 16:00, due Saturday 12:00', async () => {
    const filed = new Date('2026-10-09T16:00:00+08:00');
    const expected = new Date('2026-10-10T12:00:00+08:00').getTime() - filed.getTime();
    expect(expected).toBe(20 * HOUR);
    const offset = await breachOffset(filed, expected + HOUR);
    expect(offset).toBeGreaterThanOrEqual(expected);
    expect(offset).toBeLessThan(expected + MINUTE);
  });
});
