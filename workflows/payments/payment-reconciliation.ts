import { patched, proxyActivities } from '@temporalio/workflow';
import type { createPaymentMailActivities } from '../../activities/payments/payment-mail';
import type { createMailActivities } from '../../activities/shared/mail/mail-activities';
import type {
  createPaymentReconciliationActivities,
  PaymentReconciliationResult,
} from '../../activities/payments/payment-reconciliation-activities';
import type { PaymentReconciliationInput } from './payment-reconciliation.definitions';
import { chinaDate, DAY_MS } from '../../domain/china-time';
import { labelActivities, showBusinessAttributes } from '../shared/visibility';

const { reconcilePayments } = labelActivities(
  proxyActivities<ReturnType<typeof createPaymentReconciliationActivities>>({
    startToCloseTimeout: '5 minutes',
    retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
  }),
  { reconcilePayments: "compare the day's payments with the provider's settlement" },
);
const { sendTemplatedMail, sendReconciliationDiscrepanciesMail } = labelActivities(
  proxyActivities<ReturnType<typeof createMailActivities> & ReturnType<typeof createPaymentMailActivities>>({
    startToCloseTimeout: '2 minutes',
  }),
  {
    sendTemplatedMail: 'mail the discrepancies to staff',
    sendReconciliationDiscrepanciesMail: 'mail the discrepancies to staff',
  },
);

/**
 * Daily payment reconciliation (T/QGCML 3125 §4.6, §7.1 timely reconciliation): compares
 * the platform's records of a day with the provider's settlement and tells staff about
 * any difference.
 */
export async function paymentReconciliationWorkflow(
  input: PaymentReconciliationInput = {},
): Promise<PaymentReconciliationResult> {
  const settlementDate = input.settlementDate ?? chinaDate(new Date(Date.now() - DAY_MS));
  const result = await reconcilePayments({ settlementDate });
  if (result.discrepancies > 0 && patched('payment-mail-mapper')) {
    // The wording lives in activities/payments/mail-templates.ts; the workflow passes facts.
    await sendReconciliationDiscrepanciesMail(result);
  } else if (result.discrepancies > 0) {
    // Executions started before the patch composed the mail here; they replay as they ran.
    await sendTemplatedMail({
      idempotencyKey: `reconciliation:payments:${settlementDate}:${result.discrepancies}`,
      purpose: 'ops_report',
      recipient: { kind: 'staff', id: 'staff' },
      data: {
        subject: `Payment reconciliation ${settlementDate}: ${result.discrepancies} discrepancies`,
        body: [
          `Settlement day (Asia/Shanghai): ${settlementDate}`,
          `Platform records: ${result.platformRecords}`,
          `Provider records: ${result.providerRecords}`,
          `Discrepancies: ${result.discrepancies} — see GET /reports/payment-reconciliation?date=${settlementDate}`,
        ].join('\n'),
      },
    });
  }
  showBusinessAttributes({ businessStatus: result.discrepancies > 0 ? 'discrepancies' : 'reconciled' });
  return result;
}
