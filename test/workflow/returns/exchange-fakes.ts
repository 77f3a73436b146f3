import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { createDeliveryActivities } from '../../../activities/delivery/delivery-activities';
import type { LogisticsEventInput } from '../../../workflows/delivery/delivery-handover.definitions';
import { fakeReturnActivities, type FakeOptions, type ReturnActivities } from '../../helpers/return-workflow';
import { HOUR } from '../../helpers/time';

type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;

/**
 * The return's fakes plus an exchange's: a stock that has the replacement or not, and the
 * replacement's delivery handover over a slip the test signs. Each call records the
 * subject it was given, so the test sees the replacement kept apart from the order's own.
 */
export function fakeExchangeActivities(env: TestWorkflowEnvironment, options: FakeOptions & { inStock: boolean }) {
  const base = fakeReturnActivities(env, { ...options, kind: 'exchange' });
  const { calls } = base;
  const replacementSlip = { merchantSigned: false, carrierSigned: false };
  const now = async () => Number(await env.currentTimeMs());
  const of = (input: { returnId?: string }) => (input.returnId ? `replacement:${input.returnId}` : 'order');
  const exchange = {
    async reserveReplacement(input: { returnId: string }) {
      calls.push(`reserveReplacement:${options.inStock ? 'reserved' : 'out_of_stock'}`);
      return options.inStock
        ? { reserved: true, handoverWorkflowId: `handover:return:${input.returnId}` }
        : { reserved: false, handoverWorkflowId: null };
    },
    async recordReplacementOutcome(input: { outcome: string }) {
      calls.push(`replacement:${input.outcome}`);
    },
  } satisfies Partial<ReturnActivities>;
  const delivery = {
    async planHandover() {
      return { handoverBy: new Date((await now()) + HOUR).toISOString() };
    },
    async handoverSlipStatus(input: { returnId?: string }) {
      calls.push(`handoverSlipStatus:${of(input)}`);
      return { slipId: 'slip-r', carrierId: 'carrier-1', ...replacementSlip };
    },
    async bookShipment(input: { returnId?: string; idempotencyKey: string }) {
      calls.push(`bookShipment:${of(input)}:${input.idempotencyKey}`);
      return { shipmentId: 'shp_replacement' };
    },
    async recordHandedOver() {
      return { handedOverAt: new Date(await now()).toISOString() };
    },
    async planDelivery() {
      return { deliverBy: new Date((await now()) + 24 * HOUR).toISOString(), codAmount: null };
    },
    async planCodRemittance() {
      return { remitBy: new Date((await now()) + 48 * HOUR).toISOString() };
    },
    async recordShipmentEvent(input: { returnId?: string; event: LogisticsEventInput }) {
      calls.push(`shipmentEvent:${of(input)}:${input.event.type}`);
      return {
        orderStatus: 'delivered' as const,
        codRemitted: 0,
        deliveredAt: input.event.type === 'delivered' ? input.event.occurredAt : null,
      };
    },
    async recordReturnedToMerchant() {
      calls.push('replacementReturnedToMerchant');
    },
    async recordDeliveryCompleted(input: { returnId?: string }) {
      calls.push(`deliveryCompleted:${of(input)}`);
    },
    async recordDeliveryBreach(input: { obligation: string }) {
      calls.push(`deliveryBreach:${input.obligation}`);
    },
    async sendDeliveryMail(input: { purpose: string }) {
      calls.push(`deliveryMail:${input.purpose}`);
    },
  } satisfies Partial<DeliveryActivities>;
  return { ...base, activities: { ...base.activities, ...exchange, ...delivery }, replacementSlip };
}
