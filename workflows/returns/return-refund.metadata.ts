import type { SearchAttributePair } from '@temporalio/common';
import { businessKeyAttributes, searchAttributes } from '../shared/search-attributes';

export interface ReturnStartFacts {
  returnId: string;
  orderId: string;
  merchantId: string;
  carrierId: string | null;
  kind: string;
  status: string;
  /** The merchant's decision deadline, when the request fixed it. */
  approveBy: string | null;
  /** The complaint this return is the remedy of (§4.8, §5.7). */
  complaintId?: string | null;
}

/**
 * What the Temporal UI shows of a return from its start, for the API's start and the
 * complaint's child start alike: a summary and details with ids, kind and deadline only (no
 * personal data), and the search attributes staff filter by (T/QGCML 3125 §6.4, §8.7).
 */
export function returnStartMetadata(facts: ReturnStartFacts): {
  staticSummary: string;
  staticDetails: string;
  typedSearchAttributes: SearchAttributePair[];
} {
  const approveBy = facts.approveBy ?? 'from the commitments in force';
  return {
    staticSummary: `Return ${facts.returnId} (${facts.kind}) of order ${facts.orderId}, merchant decides by ${approveBy}`,
    staticDetails: [
      `Return: ${facts.returnId} (${facts.kind})`,
      `Order: ${facts.orderId}`,
      `Merchant: ${facts.merchantId}`,
      `Carrier: ${facts.carrierId ?? 'none'}`,
      ...(facts.complaintId ? [`Remedy of complaint: ${facts.complaintId} (§4.8)`] : []),
      `Merchant decides by: ${approveBy}; silence is approval by the platform (§4.8)`,
      'Then: return shipment and slip signed by courier and merchant, inspection against the order, refund within the contracted time (T/QGCML 3125 §6.4, §7.1).',
    ].join('\n'),
    typedSearchAttributes: [
      ...businessKeyAttributes(facts),
      { key: searchAttributes.returnId, value: facts.returnId },
      ...(facts.complaintId ? [{ key: searchAttributes.complaintId, value: facts.complaintId }] : []),
      ...(facts.approveBy ? [{ key: searchAttributes.dueAt, value: new Date(facts.approveBy) }] : []),
    ],
  };
}
