import { Context } from '@temporalio/activity';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { createReturnActivities } from '../../activities/returns/return-activities';
import type { ReturnKind } from '../../domain/returns';
import type { LogisticsEventInput } from '../../workflows/delivery/delivery-handover.definitions';
import {
  returnStateQuery,
  returnWorkflowId,
  type ReturnRefundState,
} from '../../workflows/returns/return-refund.definitions';
import { returnRefundWorkflow } from '../../workflows/returns/return-refund';
import { runOnWorker } from './workflow-env';
import { HOUR } from './time';

export type ReturnActivities = ReturnType<typeof createReturnActivities>;
export type ReturnHandle = WorkflowHandle<typeof returnRefundWorkflow>;

/** The fakes' log of a request the merchant approves: asked, decided, the consumer told. */
export const APPROVED_BY_MERCHANT = [
  'planReturn',
  'mail:return_requested_merchant',
  'decision:approved:merchant-1',
  'mail:return_decided_consumer',
];
/** The fakes' log of every refund: the amount fixed, paid once, the consumer and finance told (§7.1). */
export const REFUNDED_AND_TOLD = [
  'fixReturnRefund',
  'refunded',
  'mail:return_refunded_consumer',
  'mail:refund_notice_finance',
];

export interface FakeOptions {
  kind?: ReturnKind;
  /** The refund fails this many times before it goes through (each a call to the provider). */
  refundFailures?: number;
  /** …or fails until the test server's clock reaches this many ms after the start. */
  refundFailsForMs?: number;
  refundTermMs?: number;
  refundAmount?: number;
  /** A goodwill refund: granted, already approved, by this staff member. */
  preApprovedBy?: string;
}

/**
 * Fake activities over an in-memory return, with a provider ledger keyed by idempotency
 * key; deadlines are laid over the test server's clock.
 */
export function fakeReturnActivities(env: TestWorkflowEnvironment, options: FakeOptions = {}) {
  const calls: string[] = [];
  const slip = { merchantSigned: false, carrierSigned: false };
  /** The provider's refunds by idempotency key: a retry with the same key pays nothing twice. */
  const ledger = new Map<string, number>();
  let refundCalls = 0;
  const now = async () => Number(await env.currentTimeMs());
  let startedAt = 0;
  const after = async (ms: number) => new Date((await now()) + ms).toISOString();
  const activities = {
    async planReturn() {
      startedAt = await now();
      calls.push('planReturn');
      return {
        kind: options.kind ?? 'return',
        approveBy: await after(HOUR),
        commitmentVersion: 1,
        preApprovedBy: options.preApprovedBy,
      };
    },
    async returnDeadline(input: { term: string }) {
      const terms: Record<string, number> = {
        returnShipment: 24 * HOUR,
        returnInspection: 8 * HOUR,
        refund: options.refundTermMs ?? 48 * HOUR,
      };
      return { dueAt: await after(terms[input.term] ?? HOUR) };
    },
    async recordReturnDecision(input: { approved: boolean; by: string }) {
      calls.push(`decision:${input.approved ? 'approved' : 'rejected'}:${input.by}`);
    },
    async bookReturnShipment(input: { idempotencyKey: string }) {
      calls.push(`bookReturnShipment:${input.idempotencyKey}`);
      return { shipmentId: 'shp_r1' };
    },
    async returnSlipStatus() {
      return { ...slip };
    },
    async recordReturnShipmentEvent(input: { event: LogisticsEventInput }) {
      calls.push(`event:${input.event.type}`);
    },
    async recordReturnReceived() {
      calls.push('received');
      return { receivedAt: new Date(await now()).toISOString() };
    },
    async recordInspection(input: { by: string; lines: Array<{ accepted: number }> | 'as_handed_over' }) {
      const accepted = input.lines === 'as_handed_over' ? 2 : input.lines.reduce((sum, l) => sum + l.accepted, 0);
      calls.push(`inspection:${input.by}:${input.lines === 'as_handed_over' ? 'as_handed_over' : accepted}`);
      return { accepted, status: accepted > 0 ? 'received' : 'inspection_failed' };
    },
    async recordReturnStatus(input: { status: string }) {
      calls.push(`status:${input.status}`);
    },
    async fixReturnRefund() {
      calls.push('fixReturnRefund');
      return { amount: options.refundAmount ?? 27800, capped: false };
    },
    async refundReturn() {
      refundCalls += 1;
      const key = `${Context.current().info.workflowExecution?.workflowId}:refund`;
      const failing =
        refundCalls <= (options.refundFailures ?? 0) ||
        (options.refundFailsForMs !== undefined && (await now()) - startedAt < options.refundFailsForMs);
      if (failing) throw new Error('payment provider unavailable (503)');
      if (!ledger.has(key)) ledger.set(key, options.refundAmount ?? 27800);
      calls.push('refunded');
      return { refundId: 'rf_1', amount: ledger.get(key)! };
    },
    async markRefundPending(input: { reason: string }) {
      calls.push(`refund_pending:${input.reason.slice(0, 40)}`);
    },
    async recordReturnBreach(input: { obligation: string; party: string }) {
      calls.push(`breach:${input.obligation}:${input.party}`);
    },
    async sendReturnMail(input: { purpose: string }) {
      calls.push(`mail:${input.purpose}`);
    },
  } satisfies Partial<ReturnActivities>;
  return { activities, calls, slip, ledger, refundCalls: () => refundCalls };
}

/** Polls the live state until the process has acted (the time-skipping clock moves on its own). */
export async function waitForReturnState(
  handle: ReturnHandle,
  done: (state: ReturnRefundState) => boolean,
): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (done(await handle.query(returnStateQuery))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the return process never reached the expected state');
}

/**
 * Runs return workflows on a time-skipping environment, one return id and task queue each
 * (`<prefix>-<n>`): starts the return of order o-1 at the server's time, lets the test
 * drive it, and returns its result and final state.
 */
export function returnWorkflowHarness(getEnv: () => TestWorkflowEnvironment, prefix = { id: 'r', queue: 'returns' }) {
  let sequence = 0;
  async function run<Fake extends { activities: object }>(
    fake: Fake,
    drive: (handle: ReturnHandle, fake: Fake, returnId: string) => Promise<void>,
  ) {
    const returnId = `${prefix.id}-${++sequence}`;
    const taskQueue = `${prefix.queue}-${sequence}`;
    const env = getEnv();
    return runOnWorker(env, taskQueue, fake.activities, async () => {
      const handle = await env.client.workflow.start(returnRefundWorkflow, {
        workflowId: returnWorkflowId(returnId),
        taskQueue,
        args: [
          {
            returnId,
            orderId: 'o-1',
            merchantId: 'm-1',
            requestedAt: new Date(Number(await env.currentTimeMs())).toISOString(),
          },
        ],
      });
      await drive(handle, fake, returnId);
      const result = await handle.result();
      return { result, handle, fake, returnId, state: await handle.query(returnStateQuery) };
    });
  }
  return { run };
}
