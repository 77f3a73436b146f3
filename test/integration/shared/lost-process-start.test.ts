import type { FastifyInstance } from 'fastify';
import { startComplaintProcess } from '../../../activities/complaints/complaint-process-start';
import { startReturnProcess } from '../../../activities/returns/return-process-start';
import { Complaint } from '../../../db/entities/complaint.entity';
import { Order } from '../../../db/entities/order.entity';
import { ReturnRequest } from '../../../db/entities/return-request.entity';
import { FieldCipher } from '../../../db/field-cipher';
import type { Principal } from '../../../domain/principal';
import { complaintWorkflowId } from '../../../workflows/complaints/complaint-escalation.definitions';
import { orderWorkflowId } from '../../../workflows/order/order-confirmation.definitions';
import { returnWorkflowId } from '../../../workflows/returns/return-refund.definitions';
import { createConfirmedOrder, type DeliveryParties } from '../../helpers/delivery-fixtures';
import { useLostStartStack, type LostStartStack } from '../../helpers/lost-start-stack';
import { oneItemOrderRequest, signUpConsumer } from '../../helpers/order-fixtures';
import type { TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

// What a record whose process start was lost (the API killed between commit and start)
// means for whoever acts on it before the sweep comes by: a decision still goes through
// (T/QGCML 3125 §4.7, §4.8, §6.4), and however often a start is replayed, one process.
describe('a record whose process start was lost', () => {
  const lost = useLostStartStack('lost_process_start');
  const { sweep, runIdOf, expectNoProcess, deliveredOrder } = lost;
  let stack: TestStack;
  let dyingApi: FastifyInstance;
  let shop: LostStartStack['shop'];
  let parties: DeliveryParties;
  let consumer: Principal;
  beforeAll(() => ({ stack, dyingApi, shop, parties, consumer } = lost.current()));

  it('lets a decision on an order, return or complaint whose process start was lost go through: started then, once, never a 409', async () => {
    // The chaos run's case: the merchant answers before the sweep came by, and a 409 ("the
    // complaint is awaiting_response") refused a decision that applies.
    const staff = bearer(stack.config, 'staff');
    const { order: returned, tea } = await deliveredOrder();
    await dyingApi.inject({
      method: 'POST',
      url: `/orders/${returned.id}/returns`,
      headers: bearer(stack.config, consumer),
      payload: { type: 'return', reason: 'damaged', items: [{ productId: tea.productId, quantity: 1 }] },
    });
    const [request] = await stack.orm.em.fork().find(ReturnRequest, { orderId: returned.id });
    await expectNoProcess(returnWorkflowId(request!.id));
    const approved = await stack.app.inject({
      method: 'POST',
      url: `/returns/${request!.id}/approve`,
      headers: staff,
      payload: { note: 'send it back' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved' });

    const { order: complained } = await createConfirmedOrder(stack.orm, FieldCipher.fromConfig(stack.config), parties);
    await dyingApi.inject({
      method: 'POST',
      url: '/complaints',
      headers: bearer(stack.config, consumer),
      payload: { orderId: complained.id, category: 'quality', description: 'The tea tastes of smoke' },
    });
    const [complaint] = await stack.orm.em.fork().find(Complaint, { orderId: complained.id });
    await expectNoProcess(complaintWorkflowId(complaint!.id));
    const answered = await stack.app.inject({
      method: 'POST',
      url: `/complaints/${complaint!.id}/responses`,
      headers: staff,
      payload: { message: 'We are looking into it.' },
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'responded' });

    const { principal: buyer } = await signUpConsumer(stack);
    await dyingApi.inject(oneItemOrderRequest(stack.config, buyer, shop.productId));
    const [order] = await stack.orm.em.fork().find(Order, { consumerId: buyer.sub });
    await expectNoProcess(orderWorkflowId(order!.id));
    const cancelled = await stack.app.inject({
      method: 'POST',
      url: `/orders/${order!.id}/cancel`,
      headers: bearer(stack.config, buyer),
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });

    // Each got its one process, which the sweep then leaves alone.
    const runs = [
      await runIdOf(returnWorkflowId(request!.id)),
      await runIdOf(complaintWorkflowId(complaint!.id)),
      await runIdOf(orderWorkflowId(order!.id)),
    ];
    await sweep();
    expect([
      await runIdOf(returnWorkflowId(request!.id)),
      await runIdOf(complaintWorkflowId(complaint!.id)),
      await runIdOf(orderWorkflowId(order!.id)),
    ]).toEqual(runs);
  });

  it('answers a start replayed after a return or complaint process ended with existed, never a second run', async () => {
    const { order, tea } = await deliveredOrder();
    const asked = await stack.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/returns`,
      headers: bearer(stack.config, consumer),
      payload: { type: 'refund_only', reason: 'quality', items: [{ productId: tea.productId, quantity: 1 }] },
    });
    expect(asked.statusCode).toBe(201);
    const filed = await stack.app.inject({
      method: 'POST',
      url: '/complaints',
      headers: bearer(stack.config, consumer),
      payload: { orderId: order.id, category: 'quality', description: 'Stale' },
    });
    expect(filed.statusCode).toBe(201);
    const request = await stack.orm.em.fork().findOneOrFail(ReturnRequest, { id: asked.json().id });
    const complaint = await stack.orm.em.fork().findOneOrFail(Complaint, { id: filed.json().id });
    const threshold = stack.config.ADVANCE_COMPENSATION_APPROVAL_THRESHOLD;

    // Running: the start finds it (USE_EXISTING). Ended (here by staff): it is never run again.
    expect(await startReturnProcess(stack.temporal, request)).toBe('started');
    expect(await startComplaintProcess(stack.temporal, complaint, threshold)).toBe('started');
    for (const workflowId of [returnWorkflowId(request.id), complaintWorkflowId(complaint.id)]) {
      const handle = stack.temporal.workflow.getHandle(workflowId);
      const run = (await handle.describe()).runId;
      await handle.terminate('ended by staff for the test');
      expect(await runIdOf(workflowId)).toBe(run);
    }
    expect(await startReturnProcess(stack.temporal, request)).toBe('existed');
    expect(await startComplaintProcess(stack.temporal, complaint, threshold)).toBe('existed');
    for (const workflowId of [returnWorkflowId(request.id), complaintWorkflowId(complaint.id)])
      expect((await stack.temporal.workflow.getHandle(workflowId).describe()).status.name).toBe('TERMINATED');
  });
});
