// Returns, exchanges and refunds (T/QGCML 3125 §6.4 after-sales; §4.8, §5.7 return and
// exchange as complaint remedies; §5.3 counts match; §7.1.2 refunds by contract).
//
// Pure and deterministic (workflows may import it): no I/O, no clock, no calendar. The
// window's end is computed by the caller with the service calendar and passed in.
import { z } from 'zod';
import { InvalidInputError } from './errors';

/** What a consumer may ask for (§4.8, §5.7 remedies: return, exchange, refund). */
export const requestedReturnTypeSchema = z.enum(['return', 'exchange', 'refund_only']);
export type RequestedReturnKind = z.infer<typeof requestedReturnTypeSchema>;
/** …plus a goodwill refund staff grant on a delivered order without any return. */
export const returnTypeSchema = z.enum([...requestedReturnTypeSchema.options, 'goodwill']);
export type ReturnKind = z.infer<typeof returnTypeSchema>;

export const returnReasonSchema = z.enum([
  'quality',
  'damaged',
  'wrong_item',
  'missing',
  'not_as_described',
  'no_reason',
]);
export type ReturnReason = z.infer<typeof returnReasonSchema>;

/** Return statuses clients see (README "Statuses"). */
export const returnStatusSchema = z.enum([
  'requested',
  'approved',
  'rejected',
  'in_transit',
  'received',
  'refund_pending',
  'refunded',
  'exchanged',
  'inspection_failed',
]);
export type ReturnStatus = z.infer<typeof returnStatusSchema>;

export const itemConditionSchema = z.enum(['as_new', 'damaged', 'wrong_item', 'missing']);
export type ItemCondition = z.infer<typeof itemConditionSchema>;

/** Statuses after which nothing more happens to a return. */
export const finalReturnStatuses: readonly ReturnStatus[] = ['rejected', 'refunded', 'exchanged', 'inspection_failed'];

/** §4.8, §5.7: every reason but "no reason" is a fault of the merchant's goods or packing. */
export function isMerchantFault(reason: ReturnReason): boolean {
  return reason !== 'no_reason';
}

/** Which commitment bounds the request: the no-reason window, or the longer one for faults. */
export function returnWindowTerm(reason: ReturnReason): 'returnWindow' | 'faultReturnWindow' {
  return isMerchantFault(reason) ? 'faultReturnWindow' : 'returnWindow';
}

/** Whether goods go back to the merchant (and so need a return shipment and slip). */
export function needsReturnShipment(kind: ReturnKind): boolean {
  return kind === 'return' || kind === 'exchange';
}

export interface EligibilityFacts {
  kind: ReturnKind;
  reason: ReturnReason;
  orderStatus: string;
  /** When the order was delivered; null when it never was. */
  deliveredAt: Date | null;
  /** The delivery deadline, for a `missing` refund of an order never delivered. */
  deliverBy: Date | null;
  /** The end of the return window (deliveredAt + the window term), computed by the caller. */
  windowEndsAt: Date | null;
  now: Date;
}

/**
 * §6.4: may the consumer ask at all? Once the order is delivered (or, for a refund of
 * goods that never arrived, once its delivery deadline has passed), and within the window.
 * Throws InvalidInputError naming the field at fault.
 */
export function assertEligible(facts: EligibilityFacts): void {
  const delivered = facts.deliveredAt !== null && ['delivered', 'completed'].includes(facts.orderStatus);
  if (!delivered) {
    const neverArrived = facts.kind === 'refund_only' && facts.reason === 'missing';
    if (!neverArrived)
      throw new InvalidInputError('type', `the order is ${facts.orderStatus}; goods can be returned once delivered`);
    if (!facts.deliverBy || facts.deliverBy > facts.now)
      throw new InvalidInputError('reason', 'missing goods can be claimed once the delivery deadline has passed');
    return;
  }
  if (facts.windowEndsAt && facts.now > facts.windowEndsAt)
    throw new InvalidInputError(
      'reason',
      `the return window for ${facts.reason} ended at ${facts.windowEndsAt.toISOString()}`,
    );
}

export interface OrderedLine {
  productId: string;
  quantity: number;
}

/**
 * §5.3: how many of each product can still be asked back: delivered minus what open or
 * finished returns already hold (rejected and failed requests give their quantity back).
 */
export function quantitiesLeft(
  ordered: readonly OrderedLine[],
  alreadyAsked: readonly OrderedLine[],
): Map<string, number> {
  const left = new Map<string, number>();
  for (const line of ordered) left.set(line.productId, (left.get(line.productId) ?? 0) + line.quantity);
  for (const line of alreadyAsked)
    if (left.has(line.productId)) left.set(line.productId, (left.get(line.productId) ?? 0) - line.quantity);
  return left;
}

/** Throws InvalidInputError naming `items.<i>.productId` or `items.<i>.quantity` when a line asks too much. */
export function assertQuantitiesAvailable(requested: readonly OrderedLine[], left: ReadonlyMap<string, number>): void {
  const asked = new Map<string, number>();
  requested.forEach((line, i) => {
    const available = left.get(line.productId);
    if (available === undefined) throw new InvalidInputError(`items.${i}.productId`, 'is not an item of this order');
    const total = (asked.get(line.productId) ?? 0) + line.quantity;
    if (total > available)
      throw new InvalidInputError(
        `items.${i}.quantity`,
        `asks for ${total} in all, but only ${Math.max(0, available)} can still be returned`,
      );
    asked.set(line.productId, total);
  });
}

export interface InspectedLine {
  productId: string;
  /** Items the return asked for on this line. */
  requested: number;
  received: number;
  accepted: number;
  condition: ItemCondition;
}

/** Throws InvalidInputError naming `lines.<i>.<field>` for counts that cannot be. */
export function assertInspectionConsistent(lines: readonly InspectedLine[]): void {
  lines.forEach((line, i) => {
    if (line.received > line.requested)
      throw new InvalidInputError(`lines.${i}.received`, `is more than the ${line.requested} returned`);
    if (line.accepted > line.received)
      throw new InvalidInputError(`lines.${i}.accepted`, `is more than the ${line.received} received`);
  });
}

/** Accepted goods go back into stock only when they can be sold again (§6.4). */
export function isResaleable(condition: ItemCondition): boolean {
  return condition === 'as_new';
}

export interface RefundFacts {
  reason: ReturnReason;
  /** Accepted quantities with the price the consumer paid for each. */
  acceptedLines: ReadonlyArray<{ unitPrice: number; accepted: number }>;
  deliveryFee: number;
  /** Captured for the order, and what earlier refunds already gave back. */
  captured: number;
  alreadyRefunded: number;
  /** Whether an earlier refund of this order already gave the delivery fee back. */
  deliveryFeeRefunded: boolean;
}

export interface RefundBreakdown {
  goods: number;
  deliveryFee: number;
  /** What is paid: goods + delivery fee, capped by what is left of the capture. */
  total: number;
  capped: boolean;
}

/**
 * §6.4, §7.1.2: the accepted goods' value, plus the delivery fee when the fault is the
 * merchant's (once per order), never more than captured minus already refunded.
 */
export function refundAmount(facts: RefundFacts): RefundBreakdown {
  const goods = facts.acceptedLines.reduce((sum, line) => sum + line.unitPrice * line.accepted, 0);
  const deliveryFee = goods > 0 && isMerchantFault(facts.reason) && !facts.deliveryFeeRefunded ? facts.deliveryFee : 0;
  const room = Math.max(0, facts.captured - facts.alreadyRefunded);
  const wanted = goods + deliveryFee;
  return { goods, deliveryFee, total: Math.min(wanted, room), capped: wanted > room };
}

/**
 * When a party is reminded of a deadline, or staff told that a refund is still not
 * through: three quarters of the way from `from` to `dueAt`, so there is time left to act.
 */
export function attentionAt(from: string, dueAt: string): string {
  const start = Date.parse(from);
  const end = Date.parse(dueAt);
  return new Date(start + Math.floor((end - start) * 0.75)).toISOString();
}

/** §7.1.2: staff are given a refund still not through at this point of its term. */
export function refundAttentionAt(acceptedAt: string, refundBy: string): string {
  return attentionAt(acceptedAt, refundBy);
}
