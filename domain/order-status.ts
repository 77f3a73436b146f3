import { z } from 'zod';
import { statusMachine } from './status-machine';

/** Why an order was cancelled before confirmation (T/QGCML 3125 §4.7). */
export const cancelReasonSchema = z.enum([
  'merchant_rejected',
  'confirmation_overdue',
  'consumer_cancelled',
  'payment_declined',
  'processing_failed',
]);
export type CancelReason = z.infer<typeof cancelReasonSchema>;

/** Order statuses clients see (README "Statuses"), each with the statuses it may move to. */
const orderStatuses = statusMachine({
  awaiting_confirmation: ['confirmed', 'cancelled'],
  confirmed: ['handed_over'],
  handed_over: ['in_transit', 'delivered'],
  in_transit: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
});

export const orderStatusSchema = orderStatuses.schema;
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export const canTransition = orderStatuses.canTransition;
