import type { MikroORM } from '@mikro-orm/postgresql';
import { Carrier } from '../../db/entities/carrier.entity';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { Order } from '../../db/entities/order.entity';
import { SlaBreach } from '../../db/entities/sla-breach.entity';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { createMailActivities } from '../shared/mail/mail-activities';

export interface DeliveryMailDeps {
  orm: MikroORM;
  mail: Pick<ReturnType<typeof createMailActivities>, 'sendTemplatedMail'>;
}

type Obligation = 'handover' | 'delivery' | 'cod_remittance';

export type DeliveryMailInput =
  | { orderId: string; purpose: 'order_handed_over_consumer'; deliverBy: string }
  | { orderId: string; purpose: 'order_delivered_consumer' }
  | { orderId: string; purpose: 'handover_overdue_merchant' | 'delivery_returned_merchant' }
  | {
      orderId: string;
      purpose: 'sla_breach_staff';
      obligation: Obligation;
      party: 'merchant' | 'carrier';
      dueAt: string;
    };

/**
 * Mail of the handover process. The workflow names the order and the purpose; addresses
 * and facts are read here, so no personal data enters workflow history. One message per
 * workflow and purpose (and obligation), however often the activity retries.
 */
export function createDeliveryMailActivities({ orm, mail }: DeliveryMailDeps) {
  return {
    /** `returnId`: the mail is about an exchange's replacement shipment (its own slip). */
    async sendDeliveryMail(input: DeliveryMailInput & { returnId?: string }): Promise<void> {
      const em = orm.em.fork();
      const order = await em.findOneOrFail(Order, { id: input.orderId });
      const slip = await em.findOne(HandoverSlip, { orderId: order.id, returnId: input.returnId ?? null });
      const key = `${workflowIdOfActivity()}:${input.purpose}`;
      const consumer = { kind: 'account' as const, id: order.consumerId };
      const merchant = { kind: 'merchant' as const, id: order.merchantId };
      switch (input.purpose) {
        case 'order_handed_over_consumer': {
          const carrier = slip && (await em.findOne(Carrier, { id: slip.carrierId }));
          await mail.sendTemplatedMail({
            idempotencyKey: key,
            purpose: input.purpose,
            recipient: consumer,
            data: {
              orderId: order.id,
              shipmentId: slip?.shipmentId ?? 'pending',
              carrierName: carrier?.name ?? 'the carrier',
              deliverBy: input.deliverBy,
            },
          });
          return;
        }
        case 'order_delivered_consumer':
          await mail.sendTemplatedMail({
            idempotencyKey: key,
            purpose: input.purpose,
            recipient: consumer,
            data: { orderId: order.id, deliveredAt: (slip?.deliveredAt ?? new Date()).toISOString() },
          });
          return;
        case 'handover_overdue_merchant': {
          const breach = await em.findOne(SlaBreach, { obligation: 'handover', subjectId: order.id });
          await mail.sendTemplatedMail({
            idempotencyKey: key,
            purpose: input.purpose,
            recipient: merchant,
            data: { orderId: order.id, handoverBy: (breach?.dueAt ?? new Date()).toISOString() },
          });
          return;
        }
        case 'delivery_returned_merchant':
          await mail.sendTemplatedMail({
            idempotencyKey: key,
            purpose: input.purpose,
            recipient: merchant,
            data: { orderId: order.id, shipmentId: slip?.shipmentId ?? 'unknown', attempts: 2 },
          });
          return;
        case 'sla_breach_staff':
          await mail.sendTemplatedMail({
            idempotencyKey: `${key}:${input.obligation}`,
            purpose: input.purpose,
            recipient: { kind: 'staff', id: 'staff' },
            data: {
              orderId: order.id,
              obligation: input.obligation,
              party: input.party,
              partyId: input.party === 'merchant' ? order.merchantId : (slip?.carrierId ?? 'unknown'),
              dueAt: input.dueAt,
            },
          });
          return;
      }
    },
  };
}
