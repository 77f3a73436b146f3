import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createComplaintActivities } from '../../activities/complaints/complaint-activities';
import type {
  createRecoveryClaimActivities,
  RecoveryClaimSnapshot,
} from '../../activities/complaints/recovery-claim-activities';
import { closedStatus } from '../../domain/complaints';
import { HolidayCalendar } from '../../domain/holiday-calendar';
import { addServiceTime, serviceTimeBetween, type CalendarKind } from '../../domain/service-calendar';
import {
  complaintWorkflowId,
  type ComplaintEscalationInput,
} from '../../workflows/complaints/complaint-escalation.definitions';
import { complaintEscalationWorkflow } from '../../workflows/complaints/complaint-escalation';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { workflowBundle } from './workflow-env';
import { HOUR } from './time';

export type ComplaintActivities = ReturnType<typeof createComplaintActivities> &
  ReturnType<typeof createRecoveryClaimActivities>;
export const SECOND = 1_000;

export interface FakeOptions {
  /** Lay the real calendar over the test clock, as if filed at this instant. */
  virtualFiledAt?: Date;
  calendar?: CalendarKind;
  /** Service time of the terms, in ms. */
  terms?: Partial<Record<'party' | 'first' | 'reopen' | 'due' | 'reminder', number>>;
  /** The payout fails this many times (as a provider outage would) before it succeeds. */
  payoutOutages?: number;
  payoutRefused?: boolean;
  /** recordComplaintStep fails this many times for the named step (a database outage). */
  stepOutages?: Record<string, number>;
}

/**
 * Fake activities that log what the workflows asked for, with a fake payment provider that
 * pays once per idempotency key and an in-memory recovery ledger.
 */
export function fakeComplaintActivities(env: TestWorkflowEnvironment, options: FakeOptions = {}) {
  const calls: string[] = [];
  const callTimes: Record<string, number> = {};
  const payouts = new Map<string, number>();
  const payoutAttempts: string[] = [];
  const stepAttempts: Record<string, number> = {};
  const ledger: Array<{ key: string; kind: string; amount: number }> = [];
  let claim: RecoveryClaimSnapshot & { amount: number } = {
    claimId: 'claim-1',
    status: 'open',
    recovered: 0,
    writtenOff: 0,
    dueAt: '',
    amount: 0,
  };
  const terms = {
    party: 4 * HOUR,
    first: 4 * HOUR,
    reopen: 56 * HOUR,
    due: 80 * HOUR,
    reminder: 24 * HOUR,
    ...options.terms,
  };
  const calendar = options.calendar ?? '5x8';
  const now = async () => Number(await env.currentTimeMs());
  const log = async (label: string) => {
    calls.push(label);
    callTimes[label] ??= await now();
  };
  /** The calendar's answer for the virtual instant, moved onto the server's clock. */
  const after = async (serviceMs: number, fraction = 1) => {
    const start = options.virtualFiledAt ?? new Date(await now());
    const holidays = HolidayCalendar.packageOnly();
    const deadline = addServiceTime(start, serviceMs, calendar, holidays);
    const window = serviceTimeBetween(start, deadline, calendar, holidays);
    const part = addServiceTime(start, Math.floor(window * fraction), calendar, holidays);
    const shift = (await now()) - start.getTime();
    return {
      at: new Date(deadline.getTime() + shift).toISOString(),
      warn: new Date(part.getTime() + shift).toISOString(),
    };
  };
  const step = (name: string) => async (input: { purpose?: string; step?: string; obligation?: string }) =>
    log([name, input?.purpose ?? input?.step ?? input?.obligation].filter(Boolean).join(':'));

  const activities = {
    async planComplaintDeadlines(input: { partyTerm?: string }) {
      await log('planComplaintDeadlines');
      const first = await after(terms.first, 0.75);
      const party = input.partyTerm ? await after(terms.party, 0.75) : undefined;
      return {
        firstResponseBy: first.at,
        firstResponseWarnAt: first.warn,
        ...(party ? { partyRespondBy: party.at, partyWarnAt: party.warn } : {}),
      };
    },
    async planReopenWindow() {
      await log('planReopenWindow');
      return { reopenBy: new Date((await now()) + terms.reopen).toISOString() };
    },
    recordComplaintResponse: step('recordComplaintResponse'),
    async recordComplaintStep(input: { step: string }) {
      const outages = options.stepOutages?.[input.step] ?? 0;
      stepAttempts[input.step] = (stepAttempts[input.step] ?? 0) + 1;
      if (stepAttempts[input.step]! <= outages) throw new Error('database unavailable');
      await step('recordComplaintStep')(input);
    },
    recordComplaintBreach: async (input: { obligation: string; party: string }) =>
      log(`recordComplaintBreach:${input.obligation}:${input.party}`),
    startReturnForComplaint: step('startReturnForComplaint'),
    sendComplaintMail: async (input: { purpose: string; to?: string; reason?: string }) =>
      log(['sendComplaintMail', input.purpose, input.to ?? input.reason].filter(Boolean).join(':')),
    async payComplaintCompensation(input: { complaintId: string }) {
      const key = `${complaintWorkflowId(input.complaintId)}:advance-compensation`;
      payoutAttempts.push(key);
      if (options.payoutRefused) {
        const { ApplicationFailure } = await import('@temporalio/common');
        throw ApplicationFailure.nonRetryable('payment provider rejected the request', 'PaymentRequestRejected');
      }
      if (payoutAttempts.length <= (options.payoutOutages ?? 0)) throw new Error('payment provider unavailable');
      if (!payouts.has(key)) payouts.set(key, payouts.size + 1);
      await log('payComplaintCompensation');
      return { payoutId: `po-${payouts.get(key)}` };
    },
    openComplaintStaffTask: step('openComplaintStaffTask'),
    sendRecoveryMail: async (input: { purpose: string; reminder?: number }) =>
      log(['sendRecoveryMail', input.purpose, input.reminder].filter(Boolean).join(':')),
    async openRecoveryClaim(input: { amount: number }) {
      await log('openRecoveryClaim');
      if (!claim.dueAt) {
        claim = { ...claim, amount: input.amount, dueAt: (await after(terms.due)).at };
        ledger.push({ key: 'claimed', kind: 'claimed', amount: input.amount });
      }
      return claim;
    },
    async nextRecoveryReminderAt(input: { from: string }) {
      return new Date(Date.parse(input.from) + terms.reminder).toISOString();
    },
    async recordRecoveryMovement(input: { step: string; kind: 'recovered' | 'written_off'; amount: number }) {
      await log(`recordRecoveryMovement:${input.step}`);
      if (ledger.some((entry) => entry.key === input.step)) return claim;
      const amount = Math.min(input.amount, claim.amount - claim.recovered - claim.writtenOff);
      ledger.push({ key: input.step, kind: input.kind, amount });
      if (input.kind === 'recovered') claim.recovered += amount;
      else claim.writtenOff += amount;
      const closed = closedStatus({ claimed: claim.amount, recovered: claim.recovered, writtenOff: claim.writtenOff });
      if (closed) claim.status = closed;
      return claim;
    },
    async recordRecoveryStatus(input: { status: RecoveryClaimSnapshot['status'] }) {
      await log(`recordRecoveryStatus:${input.status}`);
      claim.status = input.status;
      return claim;
    },
    async recoveryClaimSnapshot() {
      return claim;
    },
  } as unknown as ComplaintActivities;
  return { activities, calls, callTimes, payouts, payoutAttempts, ledger, claim: () => claim };
}

/** A started complaint workflow, as the harness hands it to a test. */
export type ComplaintHandle = WorkflowHandle<typeof complaintEscalationWorkflow>;

/** Runs complaint workflows on a time-skipping environment (queue `commerce`, where the recovery child goes). */
export function complaintWorkflowHarness(getEnv: () => TestWorkflowEnvironment) {
  let sequence = 0;
  async function run<T>(
    activities: ComplaintActivities,
    input: Partial<ComplaintEscalationInput>,
    drive: (handle: ComplaintHandle) => Promise<T>,
  ): Promise<T> {
    const worker = await Worker.create({
      connection: getEnv().nativeConnection,
      taskQueue: TASK_QUEUES.commerce,
      workflowBundle: workflowBundle(),
      activities,
    });
    return worker.runUntil(async () => drive(await start(input)));
  }
  async function start(input: Partial<ComplaintEscalationInput>): Promise<ComplaintHandle> {
    const complaintId = `c-${++sequence}-${Date.now()}`;
    return getEnv().client.workflow.start(complaintEscalationWorkflow, {
      workflowId: complaintWorkflowId(complaintId),
      taskQueue: TASK_QUEUES.commerce,
      args: [
        {
          complaintId,
          orderId: 'o-1',
          merchantId: 'm-1',
          carrierId: 'k-1',
          party: 'merchant',
          filedAt: new Date(Number(await getEnv().currentTimeMs())).toISOString(),
          commitmentVersion: 1,
          approvalThreshold: 50_000,
          ...input,
        },
      ],
    });
  }
  return { run };
}
