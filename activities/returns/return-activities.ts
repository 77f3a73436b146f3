import { Context } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { Merchant } from '../../db/entities/merchant.entity';
import { Product } from '../../db/entities/product.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { SlaBreach } from '../../db/entities/sla-breach.entity';
import { isResaleable, type ReturnStatus } from '../../domain/returns';
import type { LogisticsEventInput } from '../../workflows/delivery/delivery-handover.definitions';
import type {
  InspectionLineInput,
  ReturnObligation,
  ReturnParty,
} from '../../workflows/returns/return-refund.definitions';
import type { LogisticsProvider } from '../shared/providers/logistics-provider';
import { createReturnDeadlines, type ReturnDeadlineResolver } from './return-deadlines';
import { createReturnExchangeActivities } from './return-exchange-activities';
import { createReturnMailActivities, type ReturnMailDeps } from './return-mail';
import { createReturnRefundActivities, type ReturnRefundDeps } from './return-refund-activities';
import { returnStep } from './return-step';

export interface ReturnActivityDeps extends ReturnMailDeps, ReturnRefundDeps {
  orm: MikroORM;
  commitments: ReturnDeadlineResolver;
  logistics: LogisticsProvider;
}

/** The activities of the returnRefund workflow (T/QGCML 3125 §6.4, §7.1.2). */
export function createReturnActivities(deps: ReturnActivityDeps) {
  const { orm, logistics } = deps;
  const setStatus = (status: ReturnStatus) => (request: ReturnRequest) => {
    request.status = status;
  };

  return {
    ...createReturnDeadlines(orm, deps.commitments),
    ...createReturnMailActivities(deps),
    ...createReturnRefundActivities(deps),
    ...createReturnExchangeActivities(deps),

    /** The merchant's (or, on its silence, the platform's) decision, once. */
    async recordReturnDecision(input: {
      returnId: string;
      approved: boolean;
      by: string;
      reason?: string;
      note?: string;
      returnAddress?: string;
    }): Promise<void> {
      const type = input.approved ? 'return_approved' : 'return_rejected';
      await returnStep(orm, input.returnId, type, { by: input.by }, (request) => {
        request.status = input.approved ? 'approved' : 'rejected';
        request.decidedBy = input.by;
        request.decidedAt = new Date();
        request.decisionNote = input.note ?? null;
        request.rejectReason = input.reason ?? null;
        request.returnAddress = input.returnAddress ?? null;
      });
    },

    /**
     * §6.4: the return shipment, from the consumer to the merchant, with the order's
     * carrier; one booking per key however often this retries. The pickup address goes
     * from the order to the carrier here, never through workflow history.
     */
    async bookReturnShipment(input: { returnId: string; idempotencyKey: string }): Promise<{ shipmentId: string }> {
      const em = orm.em.fork();
      const request = await em.findOneOrFail(ReturnRequest, { id: input.returnId }, { populate: ['lines'] });
      if (request.shipmentId) return { shipmentId: request.shipmentId };
      const merchant = await em.findOneOrFail(Merchant, { id: request.merchantId });
      const slip = await em.findOne(HandoverSlip, { orderId: request.orderId, returnId: null });
      const goodsValue = request.lines.getItems().reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
      const shipment = await logistics.bookShipment({
        reference: `return:${request.id}`,
        pieces: 1,
        declaredValue: { value: goodsValue, currency: request.currency },
        cashOnDelivery: null,
        recipient: {
          name: merchant.name,
          // The shop is reached through the carrier's own pickup contact for it.
          phone: 'on file with the carrier',
          address: request.returnAddress ?? `the pickup address of shipment ${slip?.shipmentId ?? request.orderId}`,
        },
        idempotencyKey: input.idempotencyKey,
      });
      request.shipmentId = shipment.id;
      await em.flush();
      return { shipmentId: shipment.id };
    },

    async returnSlipStatus(input: { returnId: string }) {
      const request = await orm.em.fork().findOneOrFail(ReturnRequest, { id: input.returnId });
      return { merchantSigned: request.merchantSignature !== null, carrierSigned: request.carrierSignature !== null };
    },

    /** A carrier event of the return shipment on the order's timeline; picked up → in transit. */
    async recordReturnShipmentEvent(input: { returnId: string; event: LogisticsEventInput }): Promise<void> {
      const { event } = input;
      await returnStep(
        orm,
        input.returnId,
        `return_shipment_${event.type}`,
        { shipmentId: event.shipmentId, eventId: event.eventId },
        (request) => {
          if ((event.type === 'picked_up' || event.type === 'in_transit') && request.status === 'approved')
            request.status = 'in_transit';
        },
      );
    },

    /** Both signed the return slip: the merchant holds the goods again (§6.4). */
    async recordReturnReceived(input: { returnId: string }): Promise<{ receivedAt: string }> {
      const request = await returnStep(orm, input.returnId, 'return_received', {}, (request) => {
        const times = [request.merchantSignature?.signedAt, request.carrierSignature?.signedAt].filter(Boolean);
        request.receivedAt = new Date((times as string[]).sort().at(-1) ?? Date.now());
        request.status = 'received';
      });
      return { receivedAt: (request.receivedAt ?? new Date()).toISOString() };
    },

    /**
     * §6.4 order content against goods content, line by line; accepted resaleable goods go
     * back into stock in the same transaction. `byPlatform`: the merchant did not inspect
     * in time, so what the slip says was handed over is accepted, and nothing is restocked
     * (no one has looked at its condition).
     */
    async recordInspection(input: {
      returnId: string;
      by: string;
      lines: InspectionLineInput[] | 'as_handed_over';
    }): Promise<{ accepted: number; status: ReturnStatus }> {
      const request = await returnStep(
        orm,
        input.returnId,
        'return_inspected',
        { by: input.by },
        async (request, em) => {
          for (const line of request.lines) {
            const inspected =
              input.lines === 'as_handed_over'
                ? { received: line.quantity, accepted: line.quantity, condition: null, note: 'accepted as handed over' }
                : input.lines.find((l) => l.productId === line.productId);
            line.received = inspected?.received ?? 0;
            line.accepted = inspected?.accepted ?? 0;
            line.condition = inspected?.condition ?? null;
            line.note = inspected?.note ?? null;
            if (line.accepted > 0 && line.condition && isResaleable(line.condition))
              await em.getRepository(Product).releaseStock(line.productId, line.accepted);
          }
          request.inspectedAt = new Date();
          const accepted = request.lines.getItems().reduce((sum, line) => sum + (line.accepted ?? 0), 0);
          request.status = accepted > 0 ? 'received' : 'inspection_failed';
        },
      );
      const accepted = request.lines.getItems().reduce((sum, line) => sum + (line.accepted ?? 0), 0);
      return { accepted, status: request.status };
    },

    async recordReturnStatus(input: { returnId: string; status: ReturnStatus }): Promise<void> {
      await returnStep(orm, input.returnId, `return_${input.status}`, {}, setStatus(input.status));
    },

    /** A missed deadline of a return, charged to its party; one per return and obligation (§6.1, §6.4). */
    async recordReturnBreach(input: {
      returnId: string;
      obligation: ReturnObligation;
      party: ReturnParty;
      dueAt: string;
    }): Promise<void> {
      await returnStep(orm, input.returnId, `sla_breach_${input.obligation}`, { ...input }, async (request, em) => {
        const partyId =
          input.party === 'merchant' ? request.merchantId : input.party === 'carrier' ? request.carrierId : 'platform';
        if (!partyId) return;
        if ((await em.count(SlaBreach, { obligation: input.obligation, subjectId: request.id })) > 0) return;
        em.persist(
          new SlaBreach({
            party: input.party,
            partyId,
            obligation: input.obligation,
            subjectId: request.id,
            dueAt: new Date(input.dueAt),
            detectedAt: new Date(),
          }),
        );
      });
      Context.current().log.info('SLA breach recorded', { returnId: input.returnId, obligation: input.obligation });
    },
  };
}
