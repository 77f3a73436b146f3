import { NativeConnection, type Worker } from '@temporalio/worker';
import { Payment } from '../../db/entities/payment.entity';
import type { Principal } from '../../domain/principal';
import { commerceActivities } from '../../workers/activities';
import { createWorker } from '../../workers/run-worker';
import { returnWorkflowId } from '../../workflows/returns/return-refund.definitions';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { createConfirmedOrder } from './delivery-fixtures';
import { useDeliveryStack } from './delivery-stack';
import { eventually } from './eventually';

/**
 * The delivery stack (private database, sandbox carrier delivering webhooks to the
 * listening API) plus a worker on the commerce queue, where the API starts returns, and
 * delivered, paid orders to return.
 */
export function useReturnsStack(label: string) {
  let worker: Worker;
  let running: Promise<void>;
  let connection: NativeConnection;
  // Declared before the delivery stack's hooks: jest runs afterAll hooks in declaration
  // order, and this worker must stop before the stack it sends mail and pays through closes
  // (else its in-flight activities fail against a closed SMTP server or database).
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
  });
  const ctx = useDeliveryStack(label);

  beforeAll(async () => {
    connection = await NativeConnection.connect({ address: ctx.stack.config.TEMPORAL_ADDRESS });
    worker = await createWorker({
      config: ctx.stack.config,
      taskQueue: TASK_QUEUES.commerce,
      connection,
      activities: commerceActivities({ config: ctx.stack.config, orm: ctx.stack.orm, workerIdentity: `${label}-it` }),
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
    });
    running = worker.run();
  });

  const inject = (method: 'GET' | 'POST', url: string, who: Principal | 'staff', payload?: object) =>
    ctx.stack.app.inject({ method, url, headers: ctx.as(who), ...(payload ? { payload } : {}) });
  const consumer = (): Principal => ({ sub: ctx.parties.consumer.id, role: 'consumer' });

  /** A confirmed order, paid in the sandbox, delivered through the real handover process and carrier. */
  async function deliveredOrder() {
    const { order, tea, cups } = await createConfirmedOrder(ctx.stack.orm, ctx.cipher, ctx.parties);
    const payments = ctx.stack.paymentSandbox.payments;
    const auth = await payments.authorize({
      amount: { value: order.totalAmount(), currency: 'CNY' },
      paymentToken: 'tok_ok',
      reference: order.id,
      idempotencyKey: `order:${order.id}:authorize`,
    });
    const key = `order:${order.id}:capture`;
    const capture = await payments.capture({ authorizationId: auth.authorizationId, idempotencyKey: key });
    const em = ctx.stack.orm.em.fork();
    const captured = new Payment({
      subjectType: 'order',
      subjectId: order.id,
      operation: 'capture',
      amount: order.totalAmount(),
      currency: 'CNY',
      status: 'succeeded',
      idempotencyKey: key,
    });
    captured.providerTransactionId = capture.captureId;
    await em.persist(captured).flush();

    await ctx.startHandover(order.id);
    const { sign } = await ctx.draftAndSign(order.id, [
      { items: [{ productId: tea.productId, quantity: 2 }] },
      { items: [{ productId: cups.productId, quantity: 1 }] },
    ]);
    await sign(ctx.merchant(), 'Zhang San');
    await sign(ctx.courier(), 'Li Si');
    const booked = await ctx.stateOf(order.id, (state) => state.shipmentId !== undefined);
    await ctx.carrierAdmin(`/admin/shipments/${booked.shipmentId}/events`, { type: 'delivered' });
    await ctx.stateOf(order.id, (state) => state.phase === 'completed');
    return { order, tea, cups };
  }

  /** The return as its consumer reads it, once `until` holds. */
  const returnOnce = (returnId: string, until: (view: Record<string, unknown>) => void, timeoutMs?: number) =>
    eventually(async () => {
      const view = (await inject('GET', `/returns/${returnId}`, consumer())).json();
      until(view);
      return view;
    }, timeoutMs);

  const processOf = (returnId: string) => ctx.stack.temporal.workflow.getHandle(returnWorkflowId(returnId));

  return Object.assign(ctx, { inject, consumer, deliveredOrder, returnOnce, processOf });
}
