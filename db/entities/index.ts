import { AccountSchema } from './account.entity';
import { AuditEventSchema } from './audit-event.entity';
import { BaseEntitySchema } from './base.entity';
import { CarrierSchema } from './carrier.entity';
import { MailDeliverySchema } from './mail-delivery.entity';
import { MerchantSchema } from './merchant.entity';
import { OrderSchema } from './order.entity';
import { OrderEventSchema } from './order-event.entity';
import { OrderItemSchema } from './order-item.entity';
import { PaymentSchema } from './payment.entity';
import { ProductSchema } from './product.entity';
import { ServiceCommitmentVersionSchema } from './service-commitment-version.entity';
import { SlaBreachSchema } from './sla-breach.entity';
import { StackProbeSchema } from './stack-probe.entity';

/** Every entity schema, registered once in the ORM config. */
export const entities = [
  BaseEntitySchema,
  StackProbeSchema,
  AuditEventSchema,
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
  SlaBreachSchema,
];
