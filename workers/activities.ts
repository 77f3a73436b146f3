import { createOpsMailActivities } from '../activities/ops/ops-mail';
import { createOpsBackupActivities } from '../activities/ops/backup';
import { createComplaintActivities } from '../activities/complaints/complaint-activities';
import { createRecoveryClaimActivities } from '../activities/complaints/recovery-claim-activities';
import { createDeliveryActivities } from '../activities/delivery/delivery-activities';
import { createHandoverReconciliationActivities } from '../activities/delivery/handover-reconciliation-activities';
import { createMailActivities } from '../activities/shared/mail/mail-activities';
import { createRecipientResolver } from '../activities/shared/mail/recipients';
import { createOrderActivities } from '../activities/order/order-activities';
import { createPaymentMailActivities } from '../activities/payments/payment-mail';
import { createReturnActivities } from '../activities/returns/return-activities';
import { createPaymentReconciliationActivities } from '../activities/payments/payment-reconciliation-activities';
import { createMailer } from '../activities/shared/providers/mailer';
import { createSandboxLogisticsProvider } from '../activities/shared/providers/sandbox-logistics-provider';
import { createSandboxPaymentProvider } from '../activities/shared/providers/sandbox-payment-provider';
import { createServiceCommitmentActivities } from '../activities/shared/service-commitment-activities';
import { createStaffTaskActivities } from '../activities/shared/staff-tasks';
import { createStackProbeActivities } from '../activities/ops/stack-probe-activities';
import { createUnstartedProcessSweepActivities } from '../activities/shared/unstarted-process-sweep';
import { FieldCipher } from '../db/field-cipher';
import type { WorkerProcessDeps } from './run-worker';

/** Mail as every worker sends it: SMTP_URL, recipients looked up by reference. */
function mailActivities({ config, orm }: WorkerProcessDeps) {
  return createMailActivities({
    orm,
    mailer: createMailer(config),
    resolveRecipient: createRecipientResolver({ orm, cipher: FieldCipher.fromConfig(config), config }),
  });
}

/** The activities each task queue's worker registers; tests wire workers the same way. */
export function commerceActivities(deps: WorkerProcessDeps) {
  const { orm, config, workerIdentity } = deps;
  const mail = mailActivities(deps);
  // Mail: staff hear once per year when a deadline reaches a year without holiday data.
  const commitments = createServiceCommitmentActivities({ orm, mail });
  const payments = createSandboxPaymentProvider({
    baseUrl: config.PAYMENT_SANDBOX_URL,
    apiKey: config.PAYMENT_SANDBOX_API_KEY,
  });
  const logistics = createSandboxLogisticsProvider({
    baseUrl: config.LOGISTICS_SANDBOX_URL,
    apiKey: config.LOGISTICS_SANDBOX_API_KEY,
  });
  return {
    ...createStackProbeActivities({ orm, workerIdentity }),
    ...commitments,
    ...mail,
    // Any commerce process hands money it could not move to staff through this one activity.
    ...createStaffTaskActivities({ orm, mail }),
    ...createOrderActivities({
      orm,
      commitments,
      mail,
      payments,
    }),
    ...createPaymentReconciliationActivities({ orm, payments }),
    ...createPaymentMailActivities({ mail }),
    ...createDeliveryActivities({ orm, cipher: FieldCipher.fromConfig(config), commitments, mail, logistics }),
    ...createHandoverReconciliationActivities({ orm, logistics, mail }),
    ...createComplaintActivities({ orm, commitments, mail, payments }),
    ...createRecoveryClaimActivities({ orm, commitments }),
    ...createReturnActivities({ orm, commitments, mail, payments, logistics }),
    ...createUnstartedProcessSweepActivities({
      orm,
      approvalThreshold: config.ADVANCE_COMPENSATION_APPROVAL_THRESHOLD,
    }),
  };
}

export function opsActivities(deps: WorkerProcessDeps) {
  const mail = mailActivities(deps);
  return {
    ...createStackProbeActivities({ orm: deps.orm, workerIdentity: deps.workerIdentity }),
    ...mail,
    ...createOpsMailActivities({ orm: deps.orm, mail }),
    ...createOpsBackupActivities(deps),
  };
}
