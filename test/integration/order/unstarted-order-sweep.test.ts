import { randomUUID } from 'node:crypto';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app';
import { Order } from '../../../db/entities/order.entity';
import { orderWorkflowId } from '../../../workflows/order/order-confirmation.definitions';
import { UNSTARTED_ORDER_SWEEP_WORKFLOW } from '../../../workflows/order/unstarted-order-sweep.definitions';
import type { UnstartedOrderSweepResult } from '../../../workflows/order/unstarted-order-sweep.definitions';
import { TASK_QUEUES } from '../../../workflows/shared/task-queues';
import { oneItemOrderRequest, openShop, signUpConsumer } from '../../helpers/order-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { eventually } from '../../helpers/eventually';

// An API instance killed between an order's commit and its process's start (issue 14's
// kill -9) leaves an order no process watches: no payment authorised, no confirmation
// deadline kept, stock held (T/QGCML 3125 §4.7, §5.3). The sweep starts those processes.
describe('the unstarted-order sweep', () => {
  // A database of its own: the sweep looks at every order, and other files leave orders
  // whose processes ran in their own Temporal namespaces.
  let database: PrivateDatabase;
  let stack: TestStack;
  let dyingApi: FastifyInstance;
  let shop: Awaited<ReturnType<typeof openShop>>;

  beforeAll(async () => {
    database = await createPrivateDatabase('unstarted_order_sweep');
    stack = await startTestStack({ workers: [TASK_QUEUES.commerce], config: { DATABASE_URL: database.url } });
    shop = await openShop(stack, { price: 1_200, deliveryFee: 0, stock: 10 });
    // An API whose process start never happens: what a kill -9 after the commit leaves.
    const dying = new Client({ connection: stack.temporal.connection, namespace: stack.config.TEMPORAL_NAMESPACE });
    dying.workflow.start = () => Promise.reject(new Error('the API process died here'));
    dyingApi = await buildApp({ config: stack.config, orm: stack.orm, temporal: dying });
  });
  afterAll(async () => {
    await dyingApi?.close();
    await stack?.close();
    await database?.drop();
  });

  async function placeThrough(app: FastifyInstance) {
    const { principal } = await signUpConsumer(stack);
    const answer = await app.inject(oneItemOrderRequest(stack.config, principal, shop.productId));
    const [order] = await stack.orm.em.fork().find(Order, { consumerId: principal.sub });
    return { answer, order: order! };
  }

  const sweep = () =>
    stack.temporal.workflow.execute(UNSTARTED_ORDER_SWEEP_WORKFLOW, {
      workflowId: `sweep-test-${randomUUID()}`,
      taskQueue: TASK_QUEUES.commerce,
      args: [{ olderThanSeconds: 0 }],
    }) as Promise<UnstartedOrderSweepResult>;

  const describeOrderProcess = (orderId: string) =>
    stack.temporal.workflow.getHandle(orderWorkflowId(orderId)).describe();

  it('starts the process of an order committed without one, once, and leaves running processes alone', async () => {
    const healthy = await placeThrough(stack.app);
    expect(healthy.answer.statusCode).toBe(201);
    const healthyRun = (await describeOrderProcess(healthy.order.id)).runId;

    const orphan = await placeThrough(dyingApi);
    expect(orphan.answer.statusCode).toBe(500);
    // Committed (stock taken, deadline fixed) but no process: nothing would ever happen to it.
    expect(orphan.order).toMatchObject({ status: 'awaiting_confirmation', processStartedAt: null });
    await expect(describeOrderProcess(orphan.order.id)).rejects.toBeInstanceOf(WorkflowNotFoundError);

    const first = await sweep();
    expect(first.started).toBe(1);
    // The healthy order's process had already run (or is running): found at most, never started.
    expect(first.found).toBeGreaterThanOrEqual(1);
    // The swept process does what any order's does: it runs and authorises the card.
    await eventually(async () => {
      const order = await stack.orm.em.fork().findOneOrFail(Order, { id: orphan.order.id });
      expect(order.processStartedAt).toBeInstanceOf(Date);
      expect((await stack.paymentSandbox.ledger(orphan.order.id))?.authorizations.authorized).toBe(1);
    });
    const orphanRun = (await describeOrderProcess(orphan.order.id)).runId;

    // A second sweep finds nothing to start; neither process got a second run.
    expect(await sweep()).toEqual({ found: 0, started: 0 });
    expect((await describeOrderProcess(orphan.order.id)).runId).toBe(orphanRun);
    expect((await describeOrderProcess(healthy.order.id)).runId).toBe(healthyRun);
  });
});
