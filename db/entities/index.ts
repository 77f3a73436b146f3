import { AccountSchema } from './account.entity';
import { AuditEventSchema } from './audit-event.entity';
import { AuditPendingSchema } from './audit-pending.entity';
import { BackupRunSchema } from './backup-run.entity';
import { BaseEntitySchema } from './base.entity';
import { CarrierSchema } from './carrier.entity';
import { ComplaintSchema } from './complaint.entity';
import { ComplaintMessageSchema } from './complaint-message.entity';
import { HandoverSlipSchema } from './handover-slip.entity';
import { HolidayYearVersionSchema } from './holiday-year-version.entity';
import { LogisticsWebhookEventSchema } from './logistics-webhook-event.entity';
import { MailDeliverySchema } from './mail-delivery.entity';
import { MerchantSchema } from './merchant.entity';
import { OrderSchema } from './order.entity';
import { OrderEventSchema } from './order-event.entity';
import { OrderItemSchema } from './order-item.entity';
import { PaymentSchema } from './payment.entity';
import { PaymentDiscrepancySchema } from './payment-discrepancy.entity';
import { ProductSchema } from './product.entity';
import { RateLimitCounterSchema } from './rate-limit-counter.entity';
import { ReconciliationDiscrepancySchema } from './reconciliation-discrepancy.entity';
import { ServiceCommitmentVersionSchema } from './service-commitment-version.entity';
import { SlaBreachSchema } from './sla-breach.entity';
import { RecoveryClaimSchema } from './recovery-claim.entity';
import { ReturnLineSchema } from './return-line.entity';
import { ReturnRequestSchema } from './return-request.entity';
import { RecoveryDrillSchema } from './recovery-drill.entity';
import { RecoveryLedgerEntrySchema } from './recovery-ledger-entry.entity';
import { StackProbeSchema } from './stack-probe.entity';
import { StaffUserSchema } from './staff-user.entity';
import { StaffTaskSchema } from './staff-task.entity';

/** Every entity schema, registered once in the ORM config. */
export const entities = [
  BaseEntitySchema,
  StackProbeSchema,
  StaffUserSchema,
  AuditEventSchema,
  AuditPendingSchema,
  ServiceCommitmentVersionSchema,
  AccountSchema,
  MerchantSchema,
  CarrierSchema,
  ProductSchema,
  MailDeliverySchema,
  OrderSchema,
  OrderItemSchema,
  OrderEventSchema,
  PaymentSchema,
  PaymentDiscrepancySchema,
  SlaBreachSchema,
  HandoverSlipSchema,
  LogisticsWebhookEventSchema,
  ReconciliationDiscrepancySchema,
  BackupRunSchema,
  RecoveryDrillSchema,
  HolidayYearVersionSchema,
  ComplaintSchema,
  ComplaintMessageSchema,
  RecoveryClaimSchema,
  RecoveryLedgerEntrySchema,
  ReturnRequestSchema,
  ReturnLineSchema,
  RateLimitCounterSchema,
  StaffTaskSchema,
];
