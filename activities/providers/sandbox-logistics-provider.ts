import { z } from 'zod';
import { errorBodySchema, shipmentSchema } from '../../sandbox/logistics-carrier/schemas';
import { logisticsRejected, logisticsUnavailable, type LogisticsProvider, type Shipment } from './logistics-provider';

export interface SandboxLogisticsOptions {
  /** e.g. http://127.0.0.1:3102 */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

/**
 * The adapter to the sandbox carrier's HTTP API (sandbox/logistics-carrier/). It never
 * retries by itself: the activity's retry policy does, with the same Idempotency-Key.
 * 5xx, 408, 429 and network failures are retryable; any other 4xx is final.
 */
export function createSandboxLogisticsProvider(options: SandboxLogisticsOptions): LogisticsProvider {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function request<T extends z.ZodType>(
    schema: T,
    method: 'GET' | 'POST',
    path: string,
    extra: { body?: unknown; idempotencyKey?: string; notFoundAsNull?: boolean } = {},
  ): Promise<z.infer<T> | null> {
    let status: number;
    let body: unknown;
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          accept: 'application/json',
          ...(extra.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(extra.idempotencyKey ? { 'idempotency-key': extra.idempotencyKey } : {}),
        },
        body: extra.body !== undefined ? JSON.stringify(extra.body) : undefined,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      status = response.status;
      const text = await response.text();
      body = text ? JSON.parse(text) : undefined;
    } catch (error) {
      throw logisticsUnavailable(`logistics provider unreachable: ${(error as Error).name}`);
    }
    if (status === 404 && extra.notFoundAsNull) return null;
    if (status < 200 || status >= 300) {
      const parsed = errorBodySchema.safeParse(body);
      const code = parsed.success ? parsed.data.error.code : `http_${status}`;
      const message = parsed.success ? parsed.data.error.message : `HTTP ${status}`;
      if (status >= 500 || status === 408 || status === 429)
        throw logisticsUnavailable(`logistics provider: ${message}`);
      throw logisticsRejected(message, code);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw logisticsUnavailable(`logistics provider sent an unexpected ${method} answer`);
    return parsed.data;
  }

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
