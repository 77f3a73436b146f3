import { Client } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { createUnstartedProcessSweepActivities } from '../../../activities/shared/unstarted-process-sweep';
import { Complaint } from '../../../db/entities/complaint.entity';
import { Order } from '../../../db/entities/order.entity';
import { ReturnRequest } from '../../../db/entities/return-request.entity';
import { FieldCipher } from '../../../db/field-cipher';
import type { Principal } from '../../../domain/principal';
import {
  complaintStateQuery,
  complaintWorkflowId,
} from '../../../workflows/complaints/complaint-escalation.definitions';
import { ORDER_CONFIRMATION_WORKFLOW, orderWorkflowId } from '../../../workflows/order/order-confirmation.definitions';
import { returnWorkflowId } from '../../../workflows/returns/return-refund.definitions';
import type { UnstartedProcessSweepResult } from '../../../workflows/shared/unstarted-process-sweep.definitions';
import { createConfirmedOrder, type DeliveryParties } from '../../helpers/delivery-fixtures';
import { eventually } from '../../helpers/eventually';
import { useLostStartStack } from '../../helpers/lost-start-stack';
import type { TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

// An API instance killed between a record's commit and its process's start (issue 14's
// kill -9) leaves a record no process watches: an order with no payment authorised, no
// confirmation deadline kept and stock held (T/QGCML 3125 §4.7, §5.3); a return whose
// merchant is never asked (§6.4); a complaint nobody must answer (§4.7, §4.8). One sweep
// starts those processes, once, through the start function each API uses.
describe('the unstarted-process sweep', () => {
  const lost = useLostStartStack('unstarted_process_sweep');
  const { sweep, runIdOf, expectNoProcess, placeThrough, deliveredOrder } = lost;
  let stack: TestStack;
  let dyingApi: FastifyInstance;
  let parties: DeliveryParties;
  let consumer: Principal;
  beforeAll(() => ({ stack, dyingApi, parties, consumer } = lost.current()));
  const mailsTo = (address: string) =>
    stack.smtp.received.filter((mail) => mail.envelopeTo.includes(address)).map((mail) => mail.parsed.subject);

  it('starts the process of an order committed without one, once, and leaves running processes alone', async () => {
    const healthy = await placeThrough(stack.app);
    expect(healthy.answer.statusCode).toBe(201);
    const healthyRun = await runIdOf(orderWorkflowId(healthy.order.id));

    const orphan = await placeThrough(dyingApi);
    expect(orphan.answer.statusCode).toBe(500);
    // Committed (stock taken, deadline fixed) but no process: nothing would ever happen to it.
    expect(orphan.order).toMatchObject({ status: 'awaiting_confirmation', processStartedAt: null });
    await expectNoProcess(orderWorkflowId(orphan.order.id));

    const first = await sweep();
    expect(first.byProcess.order.started).toBe(1);
    // The healthy order's process had already run (or is running): found at most, never started.
    expect(first.byProcess.order.found).toBeGreaterThanOrEqual(1);
    // The swept process does what any order's does: it runs and authorises the card.
    await eventually(async () => {
      const order = await stack.orm.em.fork().findOneOrFail(Order, { id: orphan.order.id });
      expect(order.processStartedAt).toBeInstanceOf(Date);
      expect((await stack.paymentSandbox.ledger(orphan.order.id))?.authorizations.authorized).toBe(1);
    });
    const orphanRun = await runIdOf(orderWorkflowId(orphan.order.id));

    // A second sweep finds nothing to start; neither process got a second run.
    expect((await sweep()).byProcess.order).toEqual({ found: 0, started: 0, failed: 0 });
    expect(await runIdOf(orderWorkflowId(orphan.order.id))).toBe(orphanRun);
    expect(await runIdOf(orderWorkflowId(healthy.order.id))).toBe(healthyRun);
  });

  it('starts the process of a return committed without one, once: the merchant is asked to decide (§6.4)', async () => {
    const { order, tea } = await deliveredOrder();
    const asked = await dyingApi.inject({
      method: 'POST',
      url: `/orders/${order.id}/returns`,
      headers: bearer(stack.config, consumer),
      payload: { type: 'return', reason: 'damaged', items: [{ productId: tea.productId, quantity: 1 }] },
    });
    expect(asked.statusCode).toBe(500);
    // Committed, with its decision deadline, but no process: the merchant would never hear of it.
    const [request] = await stack.orm.em.fork().find(ReturnRequest, { orderId: order.id });
    expect(request).toMatchObject({ status: 'requested', processStartedAt: null });
    expect(request!.approveBy).toBeInstanceOf(Date);
    await expectNoProcess(returnWorkflowId(request!.id));

    expect((await sweep()).byProcess.return).toEqual({ found: 1, started: 1, failed: 0 });
    // The swept process takes its first real steps: it reads the request and asks the merchant.
    await eventually(async () => {
      const swept = await stack.orm.em.fork().findOneOrFail(ReturnRequest, { id: request!.id });
      expect(swept.processStartedAt).toBeInstanceOf(Date);
      expect(mailsTo(parties.merchant.contactEmail).length).toBeGreaterThanOrEqual(1);
    });
    const sweptRun = await runIdOf(returnWorkflowId(request!.id));

    expect((await sweep()).byProcess.return).toEqual({ found: 0, started: 0, failed: 0 });
    expect(await runIdOf(returnWorkflowId(request!.id))).toBe(sweptRun);
  });

  it('starts the process of a complaint committed without one, once: the merchant must answer (§4.7, §4.8)', async () => {
    const { order } = await createConfirmedOrder(stack.orm, FieldCipher.fromConfig(stack.config), parties);
    const mailsBefore = mailsTo(parties.merchant.contactEmail).length;
    const filed = await dyingApi.inject({
      method: 'POST',
      url: '/complaints',
      headers: bearer(stack.config, consumer),
      payload: { orderId: order.id, category: 'quality', description: 'The tea tastes of smoke' },
    });
    expect(filed.statusCode).toBe(500);
    // Committed with both deadlines counted from filing, but no process keeps them.
    const [complaint] = await stack.orm.em.fork().find(Complaint, { orderId: order.id });
    expect(complaint).toMatchObject({ status: 'awaiting_response', party: 'merchant', processStartedAt: null });
    await expectNoProcess(complaintWorkflowId(complaint!.id));

    expect((await sweep()).byProcess.complaint).toEqual({ found: 1, started: 1, failed: 0 });
    // The swept process plans the deadlines from filing and tells the merchant to answer.
    await eventually(async () => {
      const swept = await stack.orm.em.fork().findOneOrFail(Complaint, { id: complaint!.id });
      expect(swept.processStartedAt).toBeInstanceOf(Date);
      expect(mailsTo(parties.merchant.contactEmail).length).toBeGreaterThan(mailsBefore);
    });
    // Its deadlines are the ones the complaint was filed with, not counted from the sweep.
    const state = await stack.temporal.workflow
      .getHandle(complaintWorkflowId(complaint!.id))
      .query(complaintStateQuery);
    expect(state).toMatchObject({
      firstResponseBy: complaint!.firstResponseBy.toISOString(),
      partyRespondBy: complaint!.partyRespondBy!.toISOString(),
    });
    const sweptRun = await runIdOf(complaintWorkflowId(complaint!.id));

    expect((await sweep()).byProcess.complaint).toEqual({ found: 0, started: 0, failed: 0 });
    expect(await runIdOf(complaintWorkflowId(complaint!.id))).toBe(sweptRun);
  });

  it('passes over a record whose start fails and starts the ones committed after it; the next run tries it again', async () => {
    const stuck = await placeThrough(dyingApi);
    const later = await placeThrough(dyingApi);
    const stuckId = orderWorkflowId(stuck.order.id);
    // A client that refuses to start the older one, as it would for a record whose start
    // can never work: it is the first the sweep finds (oldest first), every run.
    const refusing = new Client({ connection: stack.temporal.connection, namespace: stack.config.TEMPORAL_NAMESPACE });
    const start = refusing.workflow.start.bind(refusing.workflow);
    refusing.workflow.start = ((type, options) =>
      options.workflowId === stuckId
        ? Promise.reject(new Error('refused for the test'))
        : start(type, options)) as typeof refusing.workflow.start;
    const activities = createUnstartedProcessSweepActivities({
      orm: stack.orm,
      approvalThreshold: stack.config.ADVANCE_COMPENSATION_APPROVAL_THRESHOLD,
      temporal: () => refusing,
    });
    const quietEnv = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });

    const run: UnstartedProcessSweepResult = await quietEnv.run(() =>
      activities.startUnstartedProcesses({ olderThanSeconds: 0, limit: 200 }),
    );
    expect(run.byProcess.order).toEqual({ found: 2, started: 1, failed: 1 });
    expect(run.failedWorkflowIds).toEqual([stuckId]);
    await eventually(async () => {
      const order = await stack.orm.em.fork().findOneOrFail(Order, { id: later.order.id });
      expect(order.processStartedAt).toBeInstanceOf(Date);
    });
    await expectNoProcess(stuckId);

    // Once starts work again, the next run starts it.
    expect((await sweep()).byProcess.order).toEqual({ found: 1, started: 1, failed: 0 });
    await eventually(async () => {
      const order = await stack.orm.em.fork().findOneOrFail(Order, { id: stuck.order.id });
      expect(order.processStartedAt).toBeInstanceOf(Date);
    });
  });

  it('stamps a record whose process exists but never ran, so later runs pass it by instead of finding it first', async () => {
    const orphan = await placeThrough(dyingApi);
    const workflowId = orderWorkflowId(orphan.order.id);
    // Its process exists, but no worker polls its queue: the first activity, which stamps
    // the record, never runs. Before, every run found it again, oldest first.
    const stray = await stack.temporal.workflow.start(ORDER_CONFIRMATION_WORKFLOW, {
      workflowId,
      taskQueue: 'nobody-polls-this-queue',
      args: [{ orderId: orphan.order.id }],
    });
    try {
      const first = await sweep();
      expect(first.byProcess.order).toEqual({ found: 1, started: 0, failed: 0 });
      const stamped = await stack.orm.em.fork().findOneOrFail(Order, { id: orphan.order.id });
      expect(stamped.processStartedAt).toBeInstanceOf(Date);

      expect((await sweep()).byProcess.order).toEqual({ found: 0, started: 0, failed: 0 });
      expect(await runIdOf(workflowId)).toBe(stray.firstExecutionRunId);
    } finally {
      await stray.terminate('test over');
    }
  });
});
