import { workflowInfo, type ChildWorkflowOptions } from '@temporalio/workflow';
import { searchAttributes } from '../shared/search-attributes';

/**
 * What the Temporal UI shows of a handover from its start: a summary naming the order and
 * the search attributes staff filter by (ids only, no personal data). The attributes are
 * given only when the parent order carries them — the time-skipping test server knows no
 * custom attributes — so the handover keeps them current exactly when it was given them.
 */
export function handoverStartMetadata(
  orderId: string,
  merchantId: string,
): Pick<ChildWorkflowOptions, 'staticSummary' | 'staticDetails' | 'typedSearchAttributes'> {
  const registered = workflowInfo().typedSearchAttributes.get(searchAttributes.orderId) !== undefined;
  return {
    staticSummary: `Handover of order ${orderId} (merchant ${merchantId})`,
    staticDetails: [
      `Order: ${orderId}`,
      `Merchant: ${merchantId}`,
      'Waits for the handover slip signed by merchant and courier (T/QGCML 3125 §6.2.2), then tracks delivery and cash on delivery (§6.1).',
    ].join('\n'),
    ...(registered
      ? {
          typedSearchAttributes: [
            { key: searchAttributes.orderId, value: orderId },
            { key: searchAttributes.merchantId, value: merchantId },
            { key: searchAttributes.businessStatus, value: 'awaiting_handover' },
          ],
        }
      : {}),
  };
}
