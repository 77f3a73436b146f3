import type { createMailActivities } from '../shared/mail/mail-activities';
import type { PaymentReconciliationResult } from './payment-reconciliation-activities';

export interface PaymentMailDeps {
  mail: Pick<ReturnType<typeof createMailActivities>, 'sendTemplatedMail'>;
}

/**
 * Mail of the payment reconciliation: the workflow names the day and passes the counts it
 * already holds; wording lives in the template and the recipient is the staff mailbox.
 * One message per day and discrepancy count, however often the activity retries.
 */
export function createPaymentMailActivities({ mail }: PaymentMailDeps) {
  return {
    async sendReconciliationDiscrepanciesMail(input: PaymentReconciliationResult): Promise<void> {
      const { settlementDate, platformRecords, providerRecords, discrepancies } = input;
      await mail.sendTemplatedMail({
        idempotencyKey: `reconciliation:payments:${settlementDate}:${discrepancies}`,
        purpose: 'payment_reconciliation_discrepancies_staff',
        recipient: { kind: 'staff', id: 'staff' },
        data: { settlementDate, platformRecords, providerRecords, discrepancies },
      });
    },
  };
}
