import type { ReturnRequest } from '../../db/entities/return-request.entity';
import type { ReturnView } from './schemas';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A return as its consumer, merchant, carrier or staff read it: facts, never contact data. */
export function toReturnView(request: ReturnRequest): ReturnView {
  return {
    id: request.id,
    orderId: request.orderId,
    merchantId: request.merchantId,
    carrierId: request.carrierId,
    type: request.kind,
    reason: request.reason,
    status: request.status,
    complaintId: request.complaintId,
    description: request.description,
    evidence: request.evidence,
    items: request.lines.getItems().map((line) => ({
      productId: line.productId,
      name: line.name,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      received: line.received,
      accepted: line.accepted,
      condition: line.condition,
      note: line.note,
    })),
    requestedAt: request.createdAt.toISOString(),
    approveBy: iso(request.approveBy),
    commitmentVersion: request.commitmentVersion,
    decision:
      request.decidedBy && request.decidedAt
        ? {
            by: request.decidedBy,
            at: request.decidedAt.toISOString(),
            note: request.decisionNote,
            rejectReason: request.rejectReason,
            returnAddress: request.returnAddress,
          }
        : null,
    shipment: request.shipmentId
      ? {
          shipmentId: request.shipmentId,
          merchantSigned: request.merchantSignature !== null,
          carrierSigned: request.carrierSignature !== null,
          receivedAt: iso(request.receivedAt),
        }
      : null,
    refund:
      request.refundAmount !== null || request.refundPendingReason !== null
        ? {
            goods: request.refundGoodsAmount,
            deliveryFee: request.refundDeliveryFee,
            total: request.refundAmount,
            currency: request.currency,
            refundBy: iso(request.refundBy),
            refundedAt: iso(request.refundedAt),
            providerTransactionId: request.refundTransactionId,
            pendingReason: request.refundPendingReason,
          }
        : null,
    replacement: request.replacementOutcome
      ? {
          handoverId: request.replacementHandoverId,
          outcome: request.replacementOutcome as NonNullable<ReturnView['replacement']>['outcome'],
        }
      : null,
  };
}
