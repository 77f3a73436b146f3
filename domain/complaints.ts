// Complaint rules (T/QGCML 3125 §4.7, §4.8, §5.7, §6.1): who answers a complaint, which
// status may follow which, who may act on it, when advance compensation needs two people,
// and how recovery claims age. Pure and deterministic: workflows import it.
import { z } from 'zod';
import { statusMachine } from './status-machine';
import { DAY_MS } from './china-time';
import type { Principal } from './principal';
import type { ReturnReason } from './returns';

export const complaintCategories = ['quality', 'delivery', 'service', 'other'] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

/** §4.8 remedies (exchange, return, compensation, after-sales) and a plain explanation. */
export const complaintRemedies = ['exchange', 'return', 'compensation', 'after_sales', 'explanation'] as const;
export type ComplaintRemedy = (typeof complaintRemedies)[number];
export const complaintRemedySchema = z.enum(complaintRemedies);

/**
 * The values clients see (README "Statuses"), plus `reopened` for §5.7 result tracking, each
 * with the statuses it may move to.
 */
const complaintStatusMachine = statusMachine({
  awaiting_response: ['responded', 'escalated', 'compensated', 'resolved'],
  responded: ['escalated', 'compensated', 'resolved', 'responded'],
  escalated: ['responded', 'compensated', 'resolved'],
  compensated: ['recovery_pending', 'resolved'],
  recovery_pending: ['resolved'],
  resolved: ['reopened'],
  reopened: ['responded', 'escalated', 'compensated', 'resolved'],
});
export const complaintStatuses = complaintStatusMachine.statuses;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const canTransition = complaintStatusMachine.canTransition;

export type ResponsibleParty = 'merchant' | 'carrier' | 'platform';

/**
 * §4.7, §4.8, §6.1: quality is the merchant's to answer, delivery the carrier's (the one
 * on the order's handover slip), anything else the platform's own.
 */
export function responsiblePartyFor(category: ComplaintCategory): ResponsibleParty {
  switch (category) {
    case 'quality':
      return 'merchant';
    case 'delivery':
      return 'carrier';
    case 'service':
    case 'other':
      return 'platform';
  }
}

/**
 * §4.8, §5.7: the reason a return made as a complaint's remedy carries. Every one is the
 * merchant's fault (the longer window, the delivery fee refunded): quality is quality,
 * a delivery complaint is goods damaged on the way, anything else was not as described.
 */
export function returnReasonForComplaint(category: ComplaintCategory): ReturnReason {
  if (category === 'quality') return 'quality';
  if (category === 'delivery') return 'damaged';
  return 'not_as_described';
}

/** The commitment term that bounds the party's answer; the platform's is complaintFirstResponse. */
export function partyResponseTerm(
  party: ResponsibleParty,
): 'merchantComplaintResponse' | 'courierComplaintResponse' | undefined {
  if (party === 'merchant') return 'merchantComplaintResponse';
  if (party === 'carrier') return 'courierComplaintResponse';
  return undefined;
}

/** Whether a complaint still waits for someone to act (not resolved). */
export function isOpen(status: ComplaintStatus): boolean {
  return status !== 'resolved';
}

export interface ComplaintParties {
  consumerId: string;
  party: ResponsibleParty;
  merchantId: string;
  carrierId: string | null;
}

/** §4.8: the party at fault answers (a merchant for its shop, a courier for its carrier), or staff. */
export function mayRespond(principal: Principal, complaint: ComplaintParties): boolean {
  if (principal.role === 'staff') return true;
  if (complaint.party === 'merchant')
    return principal.role === 'merchant' && principal.merchantId === complaint.merchantId;
  if (complaint.party === 'carrier')
    return principal.role === 'courier' && complaint.carrierId !== null && principal.carrierId === complaint.carrierId;
  return false;
}

/** Who may read a complaint: its consumer, the party it is addressed to, and staff. */
export function mayRead(principal: Principal, complaint: ComplaintParties): boolean {
  if (principal.role === 'consumer') return principal.sub === complaint.consumerId;
  return mayRespond(principal, complaint);
}

/** §4.8 advance compensation: above the threshold a second staff member must approve. */
export function needsSecondApproval(amount: number, threshold: number): boolean {
  return amount > threshold;
}

/** Two people, two subjects: the requester can never approve their own compensation. */
export function isValidSecondApprover(requestedBy: string, approvedBy: string): boolean {
  return requestedBy !== approvedBy;
}

// --- Recovery claims (§4.8: pay first, then claim from the party at fault) ---

export const recoveryClaimStatuses = ['open', 'disputed', 'overdue', 'settled', 'written_off'] as const;
export type RecoveryClaimStatus = (typeof recoveryClaimStatuses)[number];
export const recoveryLedgerKinds = ['claimed', 'recovered', 'written_off'] as const;
export type RecoveryLedgerKind = (typeof recoveryLedgerKinds)[number];

export interface RecoveryBalance {
  claimed: number;
  recovered: number;
  writtenOff: number;
}

/** What the party still owes: claimed − recovered − written off (never below zero). */
export function outstanding(balance: RecoveryBalance): number {
  return Math.max(0, balance.claimed - balance.recovered - balance.writtenOff);
}

/** A claim is closed once nothing is outstanding: settled if paid in full, else written off. */
export function closedStatus(balance: RecoveryBalance): RecoveryClaimStatus | undefined {
  if (outstanding(balance) > 0) return undefined;
  return balance.writtenOff > 0 ? 'written_off' : 'settled';
}

export const ageingBuckets = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgeingBucket = (typeof ageingBuckets)[number];

/** Whole days a claim has been open at `now` (calendar days: debts age on the calendar). */
export function ageInDays(openedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - openedAt.getTime()) / DAY_MS));
}

/** The ageing bucket of a claim opened `days` ago: 0–30, 31–60, 61–90, over 90. */
export function ageingBucket(days: number): AgeingBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}
