import { Context } from '@temporalio/activity';
import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { Order } from '../../db/entities/order.entity';
import { OrderEvent } from '../../db/entities/order-event.entity';
import { SlaBreach } from '../../db/entities/sla-breach.entity';
import type { FieldCipher } from '../../db/field-cipher';
import { canTransition, type OrderStatus } from '../../domain/order-status';
import type { LogisticsEventInput } from '../../workflows/delivery/delivery-handover.definitions';
import { createDeliveryDeadlines, type HandoverDeadlineResolver } from './delivery-deadlines';
import { createDeliveryMailActivities, type DeliveryMailDeps } from './delivery-mail';
import type { LogisticsProvider } from '../shared/providers/logistics-provider';

export interface DeliveryActivityDeps extends DeliveryMailDeps {
  orm: MikroORM;
  cipher: FieldCipher;
  commitments: HandoverDeadlineResolver;
  logistics: LogisticsProvider;
}

/**
 * Which handover an activity works on: the order's own, or (with `returnId`) the one
 * shipping an exchange's replacement (T/QGCML 3125 §6.4), which has its own slip and
 * timeline keys and leaves the order's status alone.
 */
export interface HandoverSubject {
  orderId: string;
  returnId?: string;
}

/** The subject's slip: the order's own has no returnId. */
export function slipWhere(subject: HandoverSubject) {
  return { orderId: subject.orderId, returnId: subject.returnId ?? null };
}

function moveTo(order: Order, status: OrderStatus, subject: HandoverSubject): void {
  if (subject.returnId) return;
  if (canTransition(order.status, status)) order.status = status;
}

/**
 * Records one timeline step of the order once (the key makes a retried activity a no-op)
 * and applies its change to the order and slip in the same transaction. A replacement's
 * steps are keyed `replacement:<returnId>:<step>`, apart from the order's own delivery.
 */
async function step(
  orm: MikroORM,
  subject: HandoverSubject,
  stepKey: string,
  details: Record<string, unknown>,
  apply: (order: Order, slip: HandoverSlip, em: EntityManager) => void,
  occurredAt = new Date(),
): Promise<{ order: Order; slip: HandoverSlip }> {
  return orm.em.fork().transactional(async (em) => {
    const order = await em.findOneOrFail(Order, { id: subject.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const slip = await em.findOneOrFail(HandoverSlip, slipWhere(subject), { lockMode: LockMode.PESSIMISTIC_WRITE });
    const type = stepKey.split(':')[0] ?? stepKey;
    const key = subject.returnId ? `replacement:${subject.returnId}:${stepKey}` : stepKey;
    if ((await em.count(OrderEvent, { order, key })) === 0) {
      apply(order, slip, em);
      const where = subject.returnId ? { ...details, returnId: subject.returnId } : details;
      em.persist(
        new OrderEvent({
          order,
          key,
          type: subject.returnId ? `replacement_${type}` : type,
          occurredAt,
          details: where,
        }),
      );
    }
    return { order, slip };
  });
}

/** The activities of the deliveryHandover workflow (T/QGCML 3125 §6.1, §6.2). */
export function createDeliveryActivities(deps: DeliveryActivityDeps) {
  const { orm, cipher, logistics } = deps;

  return {
    ...createDeliveryDeadlines(orm, deps.commitments),
    ...createDeliveryMailActivities(deps),

    async handoverSlipStatus(input: HandoverSubject) {
      const slip = await orm.em.fork().findOne(HandoverSlip, slipWhere(input));
      return {
        slipId: slip?.id ?? null,
        carrierId: slip?.carrierId ?? null,
        merchantSigned: slip?.merchantSignature != null,
        carrierSigned: slip?.carrierSignature != null,
      };
    },

    /** Books once per key; the recipient goes from the slip to the carrier, never through history. */
    async bookShipment(input: HandoverSubject & { idempotencyKey: string }): Promise<{ shipmentId: string }> {
      const em = orm.em.fork();
      const slip = await em.findOneOrFail(HandoverSlip, slipWhere(input));
      if (slip.shipmentId) return { shipmentId: slip.shipmentId };
      const recipient = JSON.parse(cipher.decrypt(slip.recipientCiphertext, slip.recipientContext()));
      const shipment = await logistics.bookShipment({
        reference: slip.returnId ? `return:${slip.returnId}:replacement` : slip.orderId,
        pieces: slip.packages.length,
        declaredValue: { value: slip.declaredValue, currency: slip.currency },
        cashOnDelivery: slip.codAmount ? { value: slip.codAmount, currency: slip.currency } : null,
        recipient: { name: recipient.name, phone: recipient.phone, address: recipient.address },
        idempotencyKey: input.idempotencyKey,
      });
      slip.shipmentId = shipment.id;
      await em.flush();
      return { shipmentId: shipment.id };
    },

    /** §6.2.1: custody passed when the second party signed; the order is handed over. */
    async recordHandedOver(input: HandoverSubject): Promise<{ handedOverAt: string }> {
      const { slip } = await step(orm, input, 'handed_over', {}, (order, slip) => {
        const times = [slip.merchantSignature?.signedAt, slip.carrierSignature?.signedAt].filter(Boolean) as string[];
        slip.handedOverAt = new Date(times.sort().at(-1) ?? Date.now());
        moveTo(order, 'handed_over', input);
      });
      return { handedOverAt: (slip.handedOverAt ?? new Date()).toISOString() };
    },

    /** A carrier event on the order's timeline, with the status or slip change it brings. */
    async recordShipmentEvent(input: HandoverSubject & { event: LogisticsEventInput; attempt: number }) {
      const { event } = input;
      const key =
        event.type === 'delivery_failed'
          ? `delivery_failed:${input.attempt}`
          : event.type === 'cod_remitted'
            ? `cod_remitted:${event.eventId}`
            : event.type;
      const details = {
        shipmentId: event.shipmentId,
        eventId: event.eventId,
        ...(event.amount !== null ? { amount: event.amount } : {}),
        ...(event.type === 'delivery_failed'
          ? { attempt: input.attempt, next: input.attempt >= 2 ? 'return_to_merchant' : 're-attempt' }
          : {}),
      };
      const { order, slip } = await step(
        orm,
        input,
        key,
        details,
        (order, slip) => {
          if (event.type === 'in_transit' || event.type === 'picked_up') moveTo(order, 'in_transit', input);
          if (event.type === 'delivered') {
            moveTo(order, 'delivered', input);
            slip.deliveredAt = new Date(event.occurredAt);
          }
          if (event.type === 'cod_remitted') {
            slip.codRemittedAmount += event.amount ?? 0;
            slip.codRemittedAt = new Date(event.occurredAt);
          }
        },
        new Date(event.occurredAt),
      );
      return {
        orderStatus: order.status,
        codRemitted: slip.codRemittedAmount,
        deliveredAt: slip.deliveredAt?.toISOString() ?? null,
      };
    },

    /** After the re-attempt failed too: the goods go back to the merchant (recorded, never dropped). */
    async recordReturnedToMerchant(input: HandoverSubject & { attempts: number }): Promise<void> {
      await step(orm, input, 'returned_to_merchant', { attempts: input.attempts }, () => undefined);
    },

    async recordDeliveryCompleted(input: HandoverSubject): Promise<void> {
      await step(orm, input, 'completed', {}, (order) => moveTo(order, 'completed', input));
    },

    /** A missed deadline, charged to the party that missed it; one per order and obligation. */
    async recordDeliveryBreach(
      input: HandoverSubject & {
        obligation: 'handover' | 'delivery' | 'cod_remittance';
        party: 'merchant' | 'carrier';
        dueAt: string;
      },
    ): Promise<void> {
      await orm.em.fork().transactional(async (em) => {
        const order = await em.findOneOrFail(Order, { id: input.orderId });
        const slip = await em.findOne(HandoverSlip, slipWhere(input));
        const partyId = input.party === 'merchant' ? order.merchantId : slip?.carrierId;
        if (!partyId) return;
        // A replacement's breach is the return's: the order's own delivery may have its own.
        const subjectId = input.returnId ?? order.id;
        if ((await em.count(SlaBreach, { obligation: input.obligation, subjectId })) > 0) return;
        em.persist(
          new SlaBreach({
            party: input.party,
            partyId,
            obligation: input.obligation,
            subjectId,
            dueAt: new Date(input.dueAt),
            detectedAt: new Date(),
          }),
        );
        const key = `${input.returnId ? `replacement:${input.returnId}:` : ''}sla_breach:${input.obligation}`;
        em.persist(
          new OrderEvent({
            order,
            key,
            type: 'sla_breach',
            occurredAt: new Date(),
            details: {
              obligation: input.obligation,
              party: input.party,
              dueAt: input.dueAt,
            },
          }),
        );
      });
      Context.current().log.info('SLA breach recorded', { orderId: input.orderId, obligation: input.obligation });
    },
  };
}
