import { z } from 'zod';

/** Order statuses clients see (README "Statuses"). */
export const orderStatusSchema = z.enum([
  'awaiting_confirmation',
  'confirmed',
  'handed_over',
  'in_transit',
  'delivered',
  'completed',
  'cancelled',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Why an order was cancelled before confirmation (T/QGCML 3125 §4.7). */
export const cancelReasonSchema = z.enum([
  'merchant_rejected',
  'confirmation_overdue',
  'consumer_cancelled',
  'payment_declined',
  'processing_failed',
]);
export type CancelReason = z.infer<typeof cancelReasonSchema>;

const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  awaiting_confirmation: ['confirmed', 'cancelled'],
  confirmed: ['handed_over'],
  handed_over: ['in_transit', 'delivered'],
  in_transit: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}
