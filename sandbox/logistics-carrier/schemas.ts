import { z } from 'zod';

// The sandbox carrier's wire contract, shaped like a real carrier's API: what it accepts,
// what it answers and what its webhooks carry. The platform's adapter
// (activities/providers/sandbox-logistics-provider.ts) parses answers with these schemas.

export const trackingEventTypes = ['picked_up', 'in_transit', 'delivered', 'delivery_failed', 'cod_remitted'] as const;
export type TrackingEventType = (typeof trackingEventTypes)[number];

export const shipmentStatuses = ['booked', 'cancelled', ...trackingEventTypes] as const;

const money = z.object({ value: z.number().int().min(0), currency: z.string().length(3) });

export const bookShipmentBodySchema = z
  .object({
    /** The shipper's reference (the platform's order id). */
    reference: z.string().min(1).max(100),
    pieces: z.number().int().min(1).max(999),
    declaredValue: money,
    cashOnDelivery: money.nullable().optional(),
    /** Only what delivery needs (T/QGCML 3125 §7.2 minimum necessary). */
    recipient: z.object({
      name: z.string().min(1).max(100),
      phone: z.string().min(1).max(30),
      address: z.string().min(1).max(300),
    }),
  })
  .strict();
export type BookShipmentBody = z.infer<typeof bookShipmentBodySchema>;

export const trackingEventSchema = z.object({
  id: z.string(),
  type: z.enum(trackingEventTypes),
  amount: money.nullable(),
  occurredAt: z.string(),
});

export const shipmentSchema = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(shipmentStatuses),
  pieces: z.number().int(),
  declaredValue: money,
  cashOnDelivery: money.nullable(),
  codRemitted: money,
  events: z.array(trackingEventSchema),
  createdAt: z.string(),
});
export type WireShipment = z.infer<typeof shipmentSchema>;

/** What a webhook POST carries; signed over `${X-Timestamp}.${raw body}` (HMAC-SHA256). */
export const webhookBodySchema = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(trackingEventTypes),
  shipmentId: z.string().min(1).max(100),
  reference: z.string().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }),
  amount: money.nullable(),
});
export type WebhookBody = z.infer<typeof webhookBodySchema>;

export const adminEventBodySchema = z
  .object({ type: z.enum(trackingEventTypes), amount: z.number().int().min(0).optional() })
  .strict();

export const errorBodySchema = z.object({
  error: z.object({ type: z.string(), code: z.string(), message: z.string(), param: z.string().optional() }),
});
