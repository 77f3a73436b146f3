import { z } from 'zod';
import { errorBodySchema, shipmentSchema } from '../../../sandbox/logistics-carrier/schemas';
import { createProviderHttp, type ProviderHttpOptions } from './provider-http';
import { logisticsRejected, logisticsUnavailable, type LogisticsProvider, type Shipment } from './logistics-provider';

export type SandboxLogisticsOptions = ProviderHttpOptions;

/**
 * The adapter to the sandbox carrier's HTTP API (sandbox/logistics-carrier/). It never
 * retries by itself: the activity's retry policy does, with the same Idempotency-Key.
 * 5xx, 408, 429 and network failures are retryable; any other 4xx is final.
 */
export function createSandboxLogisticsProvider(options: SandboxLogisticsOptions): LogisticsProvider {
  const request = createProviderHttp(options, {
    unreachable: (error) => logisticsUnavailable(`logistics provider unreachable: ${(error as Error).name}`),
    failure: (status, body) => {
      const parsed = errorBodySchema.safeParse(body);
      const code = parsed.success ? parsed.data.error.code : `http_${status}`;
      const message = parsed.success ? parsed.data.error.message : `HTTP ${status}`;
      if (status >= 500 || status === 408 || status === 429)
        return logisticsUnavailable(`logistics provider: ${message}`);
      return logisticsRejected(message, code);
    },
    unreadable: (method) => logisticsUnavailable(`logistics provider sent an unexpected ${method} answer`),
  });

  return {
    async bookShipment({ idempotencyKey, ...booking }) {
      return (await request(shipmentSchema, 'POST', '/v1/shipments', { body: booking, idempotencyKey })) as Shipment;
    },
    async cancelShipment(shipmentId) {
      return (await request(
        shipmentSchema,
        'POST',
        `/v1/shipments/${encodeURIComponent(shipmentId)}/cancel`,
      )) as Shipment;
    },
    async getShipment(shipmentId) {
      return request(shipmentSchema, 'GET', `/v1/shipments/${encodeURIComponent(shipmentId)}`, {
        notFoundAsNull: true,
      });
    },
    async shipmentsFor(reference) {
      const list = shipmentSchema.array();
      const page = await request(
        z.object({ items: list }),
        'GET',
        `/v1/shipments?reference=${encodeURIComponent(reference)}`,
      );
      return page?.items ?? [];
    },
  };
}
