import { log, proxyActivities } from '@temporalio/workflow';
import type { createHandoverReconciliationActivities } from '../../activities/delivery/handover-reconciliation-activities';
import type { HandoverReconciliationInput, HandoverReconciliationResult } from './handover-reconciliation.definitions';
import { labelActivities, showBusinessAttributes } from '../shared/visibility';

const activities = labelActivities(
  proxyActivities<ReturnType<typeof createHandoverReconciliationActivities>>({
    startToCloseTimeout: '5 minutes',
    retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
  }),
  {
    reconcileHandovers: 'compare slips with orders, shipments and remittances',
    mailReconciliationReport: 'mail the discrepancies to staff',
  },
);

/**
 * Daily reconciliation of handovers (T/QGCML 3125 §6.1, §6.2.2): slips against the
 * merchant's records (the order) and the carrier's shipments and remittances; what
 * differs is stored as a discrepancy and mailed to staff.
 */
export async function handoverReconciliationWorkflow(
  input: HandoverReconciliationInput = {},
): Promise<HandoverReconciliationResult> {
  const report = await activities.reconcileHandovers({ lookbackDays: input.lookbackDays ?? 30 });
  if (report.items.length > 0) {
    try {
      await activities.mailReconciliationReport({ runDate: report.runDate, items: report.items });
    } catch (error) {
      log.warn('reconciliation mail not sent', { error: String(error) });
    }
  }
  showBusinessAttributes({ businessStatus: report.items.length > 0 ? 'discrepancies' : 'reconciled' });
  return { runDate: report.runDate, found: report.items.length };
}
