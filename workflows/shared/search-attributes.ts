import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

/**
 * Custom search attributes, so staff can find a process in the Temporal Web UI by its
 * business keys. The dev server registers them at start (platform/temporal-dev-server.ts);
 * a production cluster needs `temporal operator search-attribute create` once per key.
 */
export const searchAttributes = {
  orderId: defineSearchAttributeKey('OrderId', SearchAttributeType.KEYWORD),
  merchantId: defineSearchAttributeKey('MerchantId', SearchAttributeType.KEYWORD),
  carrierId: defineSearchAttributeKey('CarrierId', SearchAttributeType.KEYWORD),
  businessStatus: defineSearchAttributeKey('BusinessStatus', SearchAttributeType.KEYWORD),
  /** A return's process and a complaint's return remedy: `ReturnId="<id>"`. */
  returnId: defineSearchAttributeKey('ReturnId', SearchAttributeType.KEYWORD),
  /** A complaint, the return it led to and its recovery claim: `ComplaintId="<id>"` finds all three. */
  complaintId: defineSearchAttributeKey('ComplaintId', SearchAttributeType.KEYWORD),
  /** The deadline the process waits for now: `DueAt < "<now>"` lists the overdue ones. */
  dueAt: defineSearchAttributeKey('DueAt', SearchAttributeType.DATETIME),
} as const;

export const allSearchAttributes = Object.values(searchAttributes);

/**
 * The business keys a process starts with, so staff find it in the Temporal Web UI by
 * order, merchant, carrier or status: ids and a status only, never personal data.
 */
export function businessKeyAttributes(record: {
  orderId: string;
  merchantId: string;
  carrierId?: string | null;
  status: string;
}): SearchAttributePair[] {
  return [
    { key: searchAttributes.orderId, value: record.orderId },
    { key: searchAttributes.merchantId, value: record.merchantId },
    ...(record.carrierId ? [{ key: searchAttributes.carrierId, value: record.carrierId }] : []),
    { key: searchAttributes.businessStatus, value: record.status },
  ];
}
