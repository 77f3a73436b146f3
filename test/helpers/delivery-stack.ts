import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { loadConfig } from '../../config/env';
import { FieldCipher } from '../../db/field-cipher';
import type { Principal } from '../../domain/principal';
import { defaultServiceCommitments } from '../../domain/service-commitments';
import { startLogisticsCarrier, type RunningLogisticsCarrier } from '../../sandbox/logistics-carrier/start';
import { commerceActivities } from '../../workers/activities';
import { createWorker } from '../../workers/run-worker';
import {
  deliveryHandoverStateQuery,
  handoverWorkflowId,
  type DeliveryHandoverState,
} from '../../workflows/delivery/delivery-handover.definitions';
import { searchAttributes } from '../../workflows/shared/search-attributes';
import type { TaskQueue } from '../../workflows/shared/task-queues';
import { createDeliveryParties, type DeliveryParties } from './delivery-fixtures';
import { createPrivateDatabase, type PrivateDatabase } from './private-database';
import { startTestStack, type TestStack } from './stack';
import { bearer, sampleIds } from './tokens';

export const CARRIER_KEY = `lk_test_${randomUUID()}`;

/**
 * The real stack for delivery tests, set up once per file: the API listening on loopback
 * (the sandbox carrier delivers signed webhooks to it), a worker with the real activities
 * on a queue of the file's own, a private database and the sandbox carrier.
 */
export function useDeliveryStack(label: string) {
  let db: PrivateDatabase;
  let stack: TestStack;
  let carrier: RunningLogisticsCarrier;
  let worker: Worker;
  let running: Promise<void>;
  let connection: NativeConnection;
  let apiUrl = '';
  let parties: DeliveryParties;
  let cipher: FieldCipher;
  const taskQueue = `${label}-${process.pid}` as TaskQueue;
  const merchant = (): Principal => ({
    sub: sampleIds.merchantUser,
    role: 'merchant',
    merchantId: parties.merchant.id,
  });
  const courier = (carrierId = parties.carrier.id): Principal => ({
    sub: sampleIds.courierUser,
    role: 'courier',
    carrierId,
  });
  const as = (who: Principal | 'staff') => bearer(stack.config, who);

  beforeAll(async () => {
    db = await createPrivateDatabase(label);
    carrier = await startLogisticsCarrier({
      databaseUrl: db.url,
      port: 0,
      apiKey: CARRIER_KEY,
      webhookUrl: () => `${apiUrl}/webhooks/logistics/sandbox`,
      webhookSecret: loadConfig().LOGISTICS_WEBHOOK_SECRET,
      logLevel: 'silent',
      webhookRetry: { maxAttempts: 3, firstRetryMs: 200 },
    });
    stack = await startTestStack({
      workers: [],
      config: { DATABASE_URL: db.url, LOGISTICS_SANDBOX_URL: carrier.url, LOGISTICS_SANDBOX_API_KEY: CARRIER_KEY },
    });
    await stack.app.listen({ port: 0, host: '127.0.0.1' });
    apiUrl = `http://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
    // A worker on a queue of this file's own, so no other file's worker (on another database) runs these workflows.
    connection = await NativeConnection.connect({ address: stack.config.TEMPORAL_ADDRESS });
    worker = await createWorker({
      config: stack.config,
      taskQueue,
      connection,
      activities: commerceActivities({ config: stack.config, orm: stack.orm, workerIdentity: 'handover-it' }),
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
    });
    running = worker.run();
    cipher = FieldCipher.fromConfig(stack.config);
    parties = await createDeliveryParties(stack.orm, cipher);
    await setCommitments({ handover: 'PT1H', delivery: 'PT1H', codRemittance: 'PT1H' });
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await stack?.close();
    await carrier?.close();
    await db?.drop();
  });

  async function setCommitments(terms: Record<string, string>) {
    const response = await stack.app.inject({
      method: 'PUT',
      url: '/service-commitments',
      headers: as('staff'),
      payload: { ...defaultServiceCommitments, calendar: '7x24', ...terms, reason: 'delivery handover test terms' },
    });
    expect(response.statusCode).toBe(200);
  }

  async function startHandover(orderId: string) {
    return stack.temporal.workflow.start('deliveryHandoverWorkflow', {
      workflowId: handoverWorkflowId(orderId),
      taskQueue,
      args: [{ orderId, merchantId: parties.merchant.id }],
      // As the confirmed order starts it (workflows/delivery/delivery-handover.metadata.ts).
      typedSearchAttributes: [
        { key: searchAttributes.orderId, value: orderId },
        { key: searchAttributes.merchantId, value: parties.merchant.id },
        { key: searchAttributes.businessStatus, value: 'awaiting_handover' },
      ],
    });
  }

  async function stateOf(orderId: string, until: (state: DeliveryHandoverState) => boolean) {
    const handle = stack.temporal.workflow.getHandle(handoverWorkflowId(orderId));
    for (let attempt = 0; attempt < 200; attempt++) {
      const state = await handle.query(deliveryHandoverStateQuery);
      if (until(state)) return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`handover of ${orderId} never reached the expected state`);
  }

  async function carrierAdmin(path: string, body?: unknown) {
    const response = await fetch(`${carrier.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CARRIER_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.ok).toBe(true);
    return response.json() as Promise<{ event: { id: string }; delivery: { delivered: boolean; status?: number } }>;
  }

  async function draftAndSign(orderId: string, packages: unknown, extra: object = {}) {
    const draft = await stack.app.inject({
      method: 'POST',
      url: `/orders/${orderId}/handover`,
      headers: as(merchant()),
      payload: { carrierId: parties.carrier.id, packages, ...extra },
    });
    expect(draft.statusCode).toBe(201);
    const slipId = draft.json().id as string;
    const sign = (who: Principal, custodianName: string) =>
      stack.app.inject({
        method: 'POST',
        url: `/handovers/${slipId}/sign`,
        headers: as(who),
        payload: { custodianName, goodsAndPackagingConfirmed: true },
      });
    return { slipId, draft, sign };
  }

  return {
    get stack() {
      return stack;
    },
    get parties() {
      return parties;
    },
    get cipher() {
      return cipher;
    },
    get carrier() {
      return carrier;
    },
    merchant,
    courier,
    as,
    setCommitments,
    startHandover,
    stateOf,
    carrierAdmin,
    draftAndSign,
  };
}
