// The platform's view of a courier company's system (T/QGCML 3125 §6.1, §6.2): what an
// activity may ask of it, whatever carrier sits behind (the sandbox carrier in development
// and tests, a real carrier's adapter in production). Shaped like real carrier APIs: book
// a shipment (idempotent on a key derived from workflow id + step), cancel it before
// pick-up, read its tracking; events arrive as signed webhooks (api/routes/logistics-webhooks.ts).
import { ApplicationFailure } from '@temporalio/common';

export interface Money {
  /** Integer minor units (fen); never a float. */
  value: number;
  currency: string;
}

export interface BookShipmentRequest {
  /** Our reference (the order id): the carrier's records are searchable by it. */
  reference: string;
  pieces: number;
  declaredValue: Money;
  cashOnDelivery: Money | null;
  /** Only what delivery needs: passed from the activity, never through workflow history. */
  recipient: { name: string; phone: string; address: string };
  idempotencyKey: string;
}

export type TrackingEventType = 'picked_up' | 'in_transit' | 'delivered' | 'delivery_failed' | 'cod_remitted';

export interface Shipment {
  id: string;
  reference: string;
  status: string;
  pieces: number;
  declaredValue: Money;
  cashOnDelivery: Money | null;
  codRemitted: Money;
  events: Array<{ id: string; type: TrackingEventType; amount: Money | null; occurredAt: string }>;
}

export interface LogisticsProvider {
  /** The same key books once: a retry gets the first booking back. */
  bookShipment(request: BookShipmentRequest): Promise<Shipment>;
  cancelShipment(shipmentId: string): Promise<Shipment>;
  /** null when the carrier has no such shipment. */
  getShipment(shipmentId: string): Promise<Shipment | null>;
  /** The carrier's shipments for our reference (reconciliation). */
  shipmentsFor(reference: string): Promise<Shipment[]>;
}

/** The carrier could not be reached or failed: retry with the same key. */
export function logisticsUnavailable(message: string): ApplicationFailure {
  return ApplicationFailure.retryable(message, 'LogisticsProviderUnavailable');
}

/** The carrier refused this request (bad input, wrong state): retrying cannot help. */
export function logisticsRejected(message: string, code: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `logistics provider refused: ${message} (${code})`,
    'LogisticsRequestRejected',
  );
}
