import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { createDeliveryActivities } from '../../../activities/delivery/delivery-activities';
import {
  deliveryHandoverStateQuery,
  handoverSlipChangedSignal,
  handoverWorkflowId,
  logisticsEventSignal,
  type LogisticsEventInput,
} from '../../../workflows/delivery/delivery-handover.definitions';
import { deliveryHandoverWorkflow } from '../../../workflows/delivery/delivery-handover';
import { useTimeSkippingEnv, runOnWorker } from '../../helpers/workflow-env';
import { recordHistory } from '../../helpers/histories';
import { HOUR } from '../../helpers/time';

type Activities = ReturnType<typeof createDeliveryActivities>;

/** Fake activities over a slip the test signs; deadlines are laid over the test server's clock. */
function fakeActivities(env: TestWorkflowEnvironment, options: { codAmount?: number } = {}) {
  const calls: string[] = [];
  const slip = { merchantSigned: false, carrierSigned: false };
  let codRemitted = 0;
  const now = async () => Number(await env.currentTimeMs());
  const activities = {
    async planHandover() {
      calls.push('planHandover');
      return { handoverBy: new Date((await now()) + HOUR).toISOString() };
    },
    async handoverSlipStatus() {
      return { slipId: 'slip-1', carrierId: 'carrier-1', ...slip };
    },
    async bookShipment(input: { idempotencyKey: string }) {
      calls.push(`bookShipment:${input.idempotencyKey}`);
      return { shipmentId: 'shp_1' };
    },
    async recordHandedOver() {
      calls.push('recordHandedOver');
      return { handedOverAt: new Date(await now()).toISOString() };
    },
    async planDelivery() {
      calls.push('planDelivery');
      return { deliverBy: new Date((await now()) + 24 * HOUR).toISOString(), codAmount: options.codAmount ?? null };
    },
    async planCodRemittance() {
      calls.push('planCodRemittance');
      return { remitBy: new Date((await now()) + 48 * HOUR).toISOString() };
    },
    async recordShipmentEvent(input: { event: LogisticsEventInput; attempt: number }) {
      calls.push(`recordShipmentEvent:${input.event.type}`);
      if (input.event.type === 'cod_remitted') codRemitted += input.event.amount ?? 0;
      const status = { delivered: 'delivered', in_transit: 'in_transit', picked_up: 'in_transit' } as const;
      return {
        orderStatus: status[input.event.type as keyof typeof status] ?? 'handed_over',
        codRemitted,
        deliveredAt: input.event.type === 'delivered' ? input.event.occurredAt : null,
      };
    },
    async recordReturnedToMerchant() {
      calls.push('recordReturnedToMerchant');
    },
    async recordDeliveryCompleted() {
      calls.push('recordDeliveryCompleted');
    },
    async recordDeliveryBreach(input: { obligation: string; party: string }) {
      calls.push(`breach:${input.obligation}:${input.party}`);
    },
    async sendDeliveryMail(input: { purpose: string }) {
      calls.push(`mail:${input.purpose}`);
    },
  } satisfies Partial<Activities>;
  return { activities, calls, slip };
}

describe('deliveryHandoverWorkflow (T/QGCML 3125 §6.1, §6.2.1, §6.2.2)', () => {
  const env = useTimeSkippingEnv();
  let sequence = 0;

  async function run(
    fake: ReturnType<typeof fakeActivities>,
    drive: (ctl: {
      sign: (party?: 'merchant' | 'carrier' | 'both') => Promise<void>;
      event: (type: LogisticsEventInput['type'], id?: string, amount?: number) => Promise<void>;
      sleep: (ms: number) => Promise<void>;
    }) => Promise<void>,
  ) {
    const orderId = `o-${++sequence}`;
    const taskQueue = `handover-${sequence}`;
    return runOnWorker(env(), taskQueue, fake.activities, async () => {
      const handle = await env().client.workflow.start(deliveryHandoverWorkflow, {
        workflowId: handoverWorkflowId(orderId),
        taskQueue,
        args: [{ orderId, merchantId: 'm-1' }],
      });
      let events = 0;
      await drive({
        async sign(party = 'both') {
          if (party !== 'carrier') fake.slip.merchantSigned = true;
          if (party !== 'merchant') fake.slip.carrierSigned = true;
          await handle.signal(handoverSlipChangedSignal, { slipId: 'slip-1' });
        },
        async event(type, id = `evt-${++events}`, amount) {
          const at = new Date(Number(await env().currentTimeMs())).toISOString();
          await handle.signal(logisticsEventSignal, {
            eventId: id,
            type,
            shipmentId: 'shp_1',
            occurredAt: at,
            amount: amount ?? null,
          });
        },
        sleep: (ms) => env().sleep(ms),
      });
      const result = await handle.result();
      return { result, handle, state: await handle.query(deliveryHandoverStateQuery) };
    });
  }

  it('signed by both in time → books once per workflow, hands over, delivers, completes; mails the consumer at handover and delivery', async () => {
    const fake = fakeActivities(env());
    const { result, state, handle } = await run(fake, async ({ sign, event }) => {
      await sign();
      await event('picked_up');
      await event('in_transit');
      await event('delivered');
    });
    await recordHistory(handle, 'delivery-handover-completed');

    expect(result).toEqual({ orderId: expect.any(String), outcome: 'completed' });
    expect(state.breaches).toEqual([]);
    expect(fake.calls).toEqual([
      'planHandover',
      expect.stringMatching(/^bookShipment:handover:o-\d+:book-shipment$/),
      'recordHandedOver',
      'planDelivery',
      'mail:order_handed_over_consumer',
      'recordShipmentEvent:picked_up',
      'recordShipmentEvent:in_transit',
      'recordShipmentEvent:delivered',
      'mail:order_delivered_consumer',
      'recordDeliveryCompleted',
    ]);
  });

  it('no slip signed by the handover deadline → handover breach of the merchant, the merchant reminded, staff told; then goes on (§6.2.2)', async () => {
    const fake = fakeActivities(env());
    const { result, state } = await run(fake, async ({ sign, event, sleep }) => {
      await sleep(2 * HOUR);
      await sign();
      await event('delivered');
    });

    expect(result.outcome).toBe('completed');
    expect(state.breaches).toEqual([{ obligation: 'handover', party: 'merchant', dueAt: expect.any(String) }]);
    expect(fake.calls.slice(1, 4)).toEqual([
      'breach:handover:merchant',
      'mail:sla_breach_staff',
      'mail:handover_overdue_merchant',
    ]);
  });

  it('merchant signed but no courier by the deadline → the handover breach is the carrier’s (§6.2.2)', async () => {
    const fake = fakeActivities(env());
    const { state } = await run(fake, async ({ sign, event, sleep }) => {
      await sign('merchant');
      await sleep(2 * HOUR);
      await sign('carrier');
      await event('delivered');
    });

    expect(state.breaches.map((b) => `${b.obligation}:${b.party}`)).toEqual(['handover:carrier']);
  });

  it('not delivered by the contracted time → delivery breach of the carrier with staff told, then completes on delivery (§6.1)', async () => {
    const fake = fakeActivities(env());
    const { result, state } = await run(fake, async ({ sign, event, sleep }) => {
      await sign();
      await event('in_transit');
      await sleep(30 * HOUR);
      await event('delivered');
    });

    expect(result.outcome).toBe('completed');
    expect(state.breaches.map((b) => `${b.obligation}:${b.party}`)).toEqual(['delivery:carrier']);
    expect(fake.calls).toContain('mail:sla_breach_staff');
    expect(fake.calls.indexOf('breach:delivery:carrier')).toBeLessThan(
      fake.calls.indexOf('recordShipmentEvent:delivered'),
    );
  });

  it('cash on delivery remitted in time → completed only after the remittance, no breach (§6.1)', async () => {
    const fake = fakeActivities(env(), { codAmount: 5000 });
    const { result, state } = await run(fake, async ({ sign, event }) => {
      await sign();
      await event('delivered');
      await event('cod_remitted', undefined, 5000);
    });

    expect(result.outcome).toBe('completed');
    expect(state.breaches).toEqual([]);
    expect(fake.calls.slice(-3)).toEqual([
      'planCodRemittance',
      'recordShipmentEvent:cod_remitted',
      'recordDeliveryCompleted',
    ]);
  });

  it('cash on delivery not remitted by its deadline → COD breach of the carrier; completes once remitted (§6.1)', async () => {
    const fake = fakeActivities(env(), { codAmount: 5000 });
    const { result, state } = await run(fake, async ({ sign, event, sleep }) => {
      await sign();
      await event('delivered');
      await sleep(50 * HOUR);
      await event('cod_remitted', undefined, 5000);
    });

    expect(result.outcome).toBe('completed');
    expect(state.breaches.map((b) => `${b.obligation}:${b.party}`)).toEqual(['cod_remittance:carrier']);
  });

  it('one failed delivery is re-attempted; a second returns the goods to the merchant, recorded and mailed', async () => {
    const retried = fakeActivities(env());
    const first = await run(retried, async ({ sign, event }) => {
      await sign();
      await event('delivery_failed');
      await event('delivered');
    });
    await recordHistory(first.handle, 'delivery-handover-redelivered');
    expect(first.result.outcome).toBe('completed');
    expect(first.state.deliveryAttempts).toBe(1);

    const returned = fakeActivities(env());
    const second = await run(returned, async ({ sign, event }) => {
      await sign();
      await event('delivery_failed');
      await event('delivery_failed');
    });
    expect(second.result.outcome).toBe('returned_to_merchant');
    expect(returned.calls.slice(-2)).toEqual(['recordReturnedToMerchant', 'mail:delivery_returned_merchant']);
  });

  it('the same carrier event signalled twice is applied once', async () => {
    const fake = fakeActivities(env());
    const { state } = await run(fake, async ({ sign, event }) => {
      await sign();
      await event('in_transit', 'evt-same');
      await event('in_transit', 'evt-same');
      await event('delivered');
    });

    expect(fake.calls.filter((call) => call === 'recordShipmentEvent:in_transit')).toHaveLength(1);
    expect(state.appliedEvents).toEqual(['evt-same', 'evt-1']);
  });
});
