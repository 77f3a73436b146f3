import type { SearchAttributePair } from '@temporalio/common';
import { formatMoney, money } from '../../domain/money';
import { businessKeyAttributes, searchAttributes } from '../shared/search-attributes';

export interface ComplaintStartFacts {
  complaintId: string;
  orderId: string;
  merchantId: string;
  carrierId: string | null;
  category: string;
  party: string;
  status: string;
  /** The party's response deadline; null when the platform answers itself. */
  partyRespondBy: string | null;
  /** The platform's first response to the consumer (§4.7). */
  firstResponseBy: string;
}

/** The deadline a new complaint waits on first: the earlier of the party's and the platform's. */
const firstDeadline = (facts: ComplaintStartFacts) =>
  facts.partyRespondBy && Date.parse(facts.partyRespondBy) < Date.parse(facts.firstResponseBy)
    ? facts.partyRespondBy
    : facts.firstResponseBy;

/**
 * What the Temporal UI shows of a complaint from its start: ids, category, who answers and
 * by when — never the consumer's words or contact data — and the search attributes staff
 * filter by (T/QGCML 3125 §4.7, §4.8, §8.7).
 */
export function complaintStartMetadata(facts: ComplaintStartFacts): {
  staticSummary: string;
  staticDetails: string;
  typedSearchAttributes: SearchAttributePair[];
} {
  const answeredBy = facts.party === 'platform' ? 'the platform' : `the ${facts.party}`;
  return {
    staticSummary: `Complaint ${facts.complaintId} (${facts.category}) about order ${facts.orderId}: ${answeredBy} answers by ${facts.partyRespondBy ?? facts.firstResponseBy}`,
    staticDetails: [
      `Complaint: ${facts.complaintId} (${facts.category})`,
      `Order: ${facts.orderId}`,
      `Merchant: ${facts.merchantId}`,
      `Carrier: ${facts.carrierId ?? 'none'}`,
      `Answered by: ${answeredBy}${facts.partyRespondBy ? ` by ${facts.partyRespondBy} (§4.8, §6.1)` : ''}`,
      `Platform's first response to the consumer by: ${facts.firstResponseBy} (§4.7: half a working day)`,
      'Silence escalates to staff; remedies: exchange, return, compensation, after-sales; advance compensation starts a recovery claim (§4.8, §5.7).',
    ].join('\n'),
    typedSearchAttributes: [
      ...businessKeyAttributes(facts),
      { key: searchAttributes.complaintId, value: facts.complaintId },
      { key: searchAttributes.dueAt, value: new Date(firstDeadline(facts)) },
    ],
  };
}

export interface RecoveryClaimStartFacts {
  complaintId: string;
  orderId: string;
  merchantId: string;
  carrierId: string | null;
  party: 'merchant' | 'carrier';
  partyId: string;
  /** Minor units of the platform's one currency (domain/money.ts). */
  amount: number;
}

/** The recovery claim as the Temporal UI shows it from its start (§4.8 pay first, then claim). */
export function recoveryClaimStartMetadata(facts: RecoveryClaimStartFacts): {
  staticSummary: string;
  staticDetails: string;
  typedSearchAttributes: SearchAttributePair[];
} {
  const amount = formatMoney(money(facts.amount));
  return {
    staticSummary: `Recovery claim of ${amount} from ${facts.party} ${facts.partyId} (complaint ${facts.complaintId})`,
    staticDetails: [
      `Complaint: ${facts.complaintId}`,
      `Order: ${facts.orderId}`,
      `Claimed from: ${facts.party} ${facts.partyId}`,
      `Amount: ${amount}, the advance compensation the platform paid (T/QGCML 3125 §4.8)`,
      'Demand notice, reminders until settled, payments, disputes and write-offs; overdue claims go to staff.',
    ].join('\n'),
    typedSearchAttributes: [
      { key: searchAttributes.orderId, value: facts.orderId },
      { key: searchAttributes.merchantId, value: facts.merchantId },
      ...(facts.carrierId ? [{ key: searchAttributes.carrierId, value: facts.carrierId }] : []),
      { key: searchAttributes.businessStatus, value: 'open' },
      { key: searchAttributes.complaintId, value: facts.complaintId },
    ],
  };
}
