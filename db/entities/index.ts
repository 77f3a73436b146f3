import { Account } from './account.entity';
import { AuditEvent } from './audit-event.entity';
import { AuditPending } from './audit-pending.entity';
import { BackupRun } from './backup-run.entity';
import { AuditFacts } from './audit-facts';
import { BaseEntity } from './base.entity';
import { GoodsLine } from './goods-line';
import { OrderParties } from './order-parties';
import { Carrier } from './carrier.entity';
import { Complaint } from './complaint.entity';
import { ComplaintMessage } from './complaint-message.entity';
import { HandoverSlip } from './handover-slip.entity';
import { HolidayYearVersion } from './holiday-year-version.entity';
import { LogisticsWebhookEvent } from './logistics-webhook-event.entity';
import { MailDelivery } from './mail-delivery.entity';
import { Merchant } from './merchant.entity';
import { Order } from './order.entity';
import { OrderEvent } from './order-event.entity';
import { OrderItem } from './order-item.entity';
import { Payment } from './payment.entity';
import { PaymentDiscrepancy } from './payment-discrepancy.entity';
import { Product } from './product.entity';
import { RateLimitCounter } from './rate-limit-counter.entity';
import { ReconciliationDiscrepancy } from './reconciliation-discrepancy.entity';
import { ServiceCommitmentVersion } from './service-commitment-version.entity';
import { SlaBreach } from './sla-breach.entity';
import { RecoveryClaim } from './recovery-claim.entity';
import { ReturnLine } from './return-line.entity';
import { ReturnRequest } from './return-request.entity';
import { RecoveryDrill } from './recovery-drill.entity';
import { RecoveryLedgerEntry } from './recovery-ledger-entry.entity';
import { StackProbe } from './stack-probe.entity';
import { StaffUser } from './staff-user.entity';
import { StaffTask } from './staff-task.entity';

/** Every entity class (abstract bases too), registered once in the ORM config. */
export const entities = [
  BaseEntity,
  AuditFacts,
  OrderParties,
  GoodsLine,
  StackProbe,
  StaffUser,
  AuditEvent,
  AuditPending,
  ServiceCommitmentVersion,
  Account,
  Merchant,
  Carrier,
  Product,
  MailDelivery,
  Order,
  OrderItem,
  OrderEvent,
  Payment,
  PaymentDiscrepancy,
  SlaBreach,
  HandoverSlip,
  LogisticsWebhookEvent,
  ReconciliationDiscrepancy,
  BackupRun,
  RecoveryDrill,
  HolidayYearVersion,
  Complaint,
  ComplaintMessage,
  RecoveryClaim,
  RecoveryLedgerEntry,
  ReturnRequest,
  ReturnLine,
  RateLimitCounter,
  StaffTask,
];
