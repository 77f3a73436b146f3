import type { MikroORM } from '@mikro-orm/postgresql';
import { Carrier } from '../../db/entities/carrier.entity';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { Order } from '../../db/entities/order.entity';
import { SlaBreach } from '../../db/entities/sla-breach.entity';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { createMailActivities } from '../shared/mail/mail-activities';
import { mailInputsOf, type SendTemplatedMailInput } from '../shared/mail/mail-input';

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

/** What the mail mapper reads besides the order: its slip, the slip's carrier, a handover breach. */
interface DeliveryFacts {
  order: Order;
  slip: HandoverSlip | null;
  carrierName?: string;
  handoverBy?: Date;
}

/** The facts each delivery mail needs, read from the order and its slip: nothing personal comes from the workflow. */
function mailFor(
  { order, slip, carrierName, handoverBy }: DeliveryFacts,
  input: DeliveryMailInput,
  workflowId: string,
): SendTemplatedMailInput {
  const mailTo = mailInputsOf(workflowId);
  const orderId = order.id;
  const consumer = { kind: 'account', id: order.consumerId } as const;
  const merchant = { kind: 'merchant', id: order.merchantId } as const;
  switch (input.purpose) {
    case 'order_handed_over_consumer':
      return mailTo(input.purpose, consumer, {
        orderId,
        shipmentId: slip?.shipmentId ?? 'pending',
        carrierName: carrierName ?? 'the carrier',
        deliverBy: input.deliverBy,
      });
    case 'order_delivered_consumer':
      return mailTo(input.purpose, consumer, {
        orderId,
        deliveredAt: (slip?.deliveredAt ?? new Date()).toISOString(),
      });
    case 'handover_overdue_merchant':
      return mailTo(input.purpose, merchant, { orderId, handoverBy: (handoverBy ?? new Date()).toISOString() });
    case 'delivery_returned_merchant':
      return mailTo(input.purpose, merchant, { orderId, shipmentId: slip?.shipmentId ?? 'unknown', attempts: 2 });
    case 'sla_breach_staff': {
      const { obligation, party, dueAt } = input;
      const partyId = party === 'merchant' ? order.merchantId : (slip?.carrierId ?? 'unknown');
      return mailTo(
        input.purpose,
        { kind: 'staff', id: 'staff' },
        { orderId, obligation, party, partyId, dueAt },
        obligation,
      );
    }
  }
}

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
      const facts: DeliveryFacts = { order, slip };
      if (input.purpose === 'order_handed_over_consumer' && slip)
        facts.carrierName = (await em.findOne(Carrier, { id: slip.carrierId }))?.name;
      if (input.purpose === 'handover_overdue_merchant')
        facts.handoverBy = (await em.findOne(SlaBreach, { obligation: 'handover', subjectId: order.id }))?.dueAt;
      await mail.sendTemplatedMail(mailFor(facts, input, workflowIdOfActivity()));
    },
  };
}
