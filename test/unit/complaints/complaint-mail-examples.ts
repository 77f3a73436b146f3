/** Sample data for every complaint and recovery mail (used by the shared template test too). */
const claim = { claimId: 'claim-1', complaintId: 'cmp-1', currency: 'CNY' };
export const complaintMailExamples: Record<string, unknown> = {
  complaint_filed_consumer: {
    complaintId: 'cmp-1',
    orderId: 'ord-7',
    party: 'merchant',
    firstResponseBy: '2026-10-09T05:00:00Z',
  },
  complaint_filed_party: {
    complaintId: 'cmp-1',
    orderId: 'ord-7',
    category: 'quality',
    respondBy: '2026-10-09T05:00:00Z',
  },
  complaint_response_warning: { complaintId: 'cmp-1', respondBy: '2026-10-09T05:00:00Z' },
  complaint_response_consumer: {
    complaintId: 'cmp-1',
    from: 'merchant',
    proposal: { remedy: 'compensation', amount: 5000 },
    currency: 'CNY',
  },
  complaint_overdue_staff: {
    complaintId: 'cmp-1',
    obligation: 'complaint_response',
    party: 'carrier',
    partyId: 'k-1',
    dueAt: '2026-10-09T05:00:00Z',
  },
  complaint_attention_staff: { complaintId: 'cmp-1', reason: 'approval_needed' },
  complaint_compensated_consumer: { complaintId: 'cmp-1', amount: 60000, currency: 'CNY' },
  complaint_resolved_consumer: { complaintId: 'cmp-1', remedy: 'return', reopenBy: '2026-10-16T09:00:00Z' },
  recovery_claim_demand_party: {
    ...claim,
    amount: 60000,
    reason: 'advance compensation for complaint cmp-1',
    dueAt: '2026-10-23T09:00:00Z',
  },
  recovery_claim_reminder_party: { ...claim, outstanding: 40000, dueAt: '2026-10-23T09:00:00Z', reminder: 2 },
  recovery_claim_overdue_staff: { ...claim, outstanding: 40000, dueAt: '2026-10-23T09:00:00Z' },
  recovery_claim_closed_party: { ...claim, recovered: 20000, writtenOff: 40000 },
};
