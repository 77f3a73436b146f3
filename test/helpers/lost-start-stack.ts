import { randomUUID } from 'node:crypto';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { Order } from '../../db/entities/order.entity';
import { FieldCipher } from '../../db/field-cipher';
import type { Principal } from '../../domain/principal';
import {
  UNSTARTED_PROCESS_SWEEP_WORKFLOW,
  type UnstartedProcessSweepResult,
} from '../../workflows/shared/unstarted-process-sweep.definitions';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { createDeliveredOrder, createDeliveryParties, type DeliveryParties } from './delivery-fixtures';
import { oneItemOrderRequest, openShop, signUpConsumer } from './order-fixtures';
import { createPrivateDatabase, type PrivateDatabase } from './private-database';
import { startTestStack, type TestStack } from './stack';

export interface LostStartStack {
  stack: TestStack;
  /** An API whose process start never happens: what a kill -9 between commit and start leaves. */
  dyingApi: FastifyInstance;
  shop: Awaited<ReturnType<typeof openShop>>;
  parties: DeliveryParties;
  /** The parties' consumer. */
  consumer: Principal;
}

/**
 * The real stack (commerce worker) on a database of its own — the sweep looks at every
 * record, and other files leave records whose processes ran in other Temporal namespaces —
 * with a second API that commits records but never starts their process. Call in a
 * describe; `current()` is set from its beforeAll on.
 */
export function useLostStartStack(databaseName: string) {
  let database: PrivateDatabase | undefined;
  let lost: LostStartStack | undefined;
  const current = (): LostStartStack => {
    if (!lost) throw new Error('the lost-start stack is not started (call useLostStartStack in describe)');
    return lost;
  };

  beforeAll(async () => {
    database = await createPrivateDatabase(databaseName);
    const stack = await startTestStack({ workers: [TASK_QUEUES.commerce], config: { DATABASE_URL: database.url } });
    const shop = await openShop(stack, { price: 1_200, deliveryFee: 0, stock: 10 });
    const parties = await createDeliveryParties(stack.orm, FieldCipher.fromConfig(stack.config));
    const dying = new Client({ connection: stack.temporal.connection, namespace: stack.config.TEMPORAL_NAMESPACE });
    dying.workflow.start = () => Promise.reject(new Error('the API process died here'));
    const dyingApi = await buildApp({ config: stack.config, orm: stack.orm, temporal: dying });
    lost = { stack, dyingApi, shop, parties, consumer: { sub: parties.consumer.id, role: 'consumer' } };
  });
  afterAll(async () => {
    await lost?.dyingApi.close();
    await lost?.stack.close();
    await database?.drop();
  });

  return {
    current,
    /** One run of the sweep, for records committed up to now. */
    sweep: () =>
      current().stack.temporal.workflow.execute(UNSTARTED_PROCESS_SWEEP_WORKFLOW, {
        workflowId: `sweep-test-${randomUUID()}`,
        taskQueue: TASK_QUEUES.commerce,
        args: [{ olderThanSeconds: 0 }],
      }) as Promise<UnstartedProcessSweepResult>,
    runIdOf: async (workflowId: string) =>
      (await current().stack.temporal.workflow.getHandle(workflowId).describe()).runId,
    expectNoProcess: (workflowId: string) =>
      expect(current().stack.temporal.workflow.getHandle(workflowId).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      ),
    /** A new consumer's one-item order of the shop, placed through `app`; its answer and record. */
    async placeThrough(app: FastifyInstance) {
      const { stack, shop } = current();
      const { principal } = await signUpConsumer(stack);
      const answer = await app.inject(oneItemOrderRequest(stack.config, principal, shop.productId));
      const [order] = await stack.orm.em.fork().find(Order, { consumerId: principal.sub });
      return { answer, order: order! };
    },
    /** A confirmed order of the parties' merchant, handed to their carrier and delivered now. */
    deliveredOrder: () => {
      const { stack, parties } = current();
      return createDeliveredOrder(stack.orm, FieldCipher.fromConfig(stack.config), parties);
    },
  };
}
