import { createOpsBackupActivities } from '../activities/backup';
import { createDeliveryActivities } from '../activities/delivery-activities';
import { createHandoverReconciliationActivities } from '../activities/handover-reconciliation-activities';
import { createMailActivities } from '../activities/mail-activities';
import { createRecipientResolver } from '../activities/mail/recipients';
import { createOrderActivities } from '../activities/order-activities';
import { createPaymentReconciliationActivities } from '../activities/payment-reconciliation-activities';
import { createMailer } from '../activities/providers/mailer';
import { createSandboxLogisticsProvider } from '../activities/providers/sandbox-logistics-provider';
import { createSandboxPaymentProvider } from '../activities/providers/sandbox-payment-provider';
import { createServiceCommitmentActivities } from '../activities/service-commitment-activities';
import { createStackProbeActivities } from '../activities/stack-probe-activities';
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
  const commitments = createServiceCommitmentActivities({ orm });
  const mail = mailActivities(deps);
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
    ...createOrderActivities({
      orm,
      commitments,
      mail,
      payments,
    }),
    ...createPaymentReconciliationActivities({ orm, payments }),
    ...createDeliveryActivities({ orm, cipher: FieldCipher.fromConfig(config), commitments, mail, logistics }),
    ...createHandoverReconciliationActivities({ orm, logistics, mail }),
  };
}

export function opsActivities(deps: WorkerProcessDeps) {
  return {
    ...createStackProbeActivities({ orm: deps.orm, workerIdentity: deps.workerIdentity }),
    ...mailActivities(deps),
    ...createOpsBackupActivities(deps),
  };
}
