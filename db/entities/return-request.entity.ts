import { Collection, EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import type { ReturnKind, ReturnReason, ReturnStatus } from '../../domain/returns';
import { ReturnRequestRepository } from '../repositories/return-request.repository';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import type { StoredSignature } from './handover-slip.entity';
import type { ReturnLine } from './return-line.entity';

/**
 * A consumer's request to return, exchange or be refunded for goods of one order
 * (T/QGCML 3125 §6.4; §4.8, §5.7 remedies). It carries the process's facts for reads and
 * lists: the merchant's decision, the return shipment and its handover slip signed by
 * courier and merchant (the same Ed25519 mechanism as delivery), the inspection, the
 * refund. The returnRefund workflow (`return:<id>`) drives it; the API only reads it.
 */
export class ReturnRequest extends BaseEntity {
  declare [EntityRepositoryType]?: ReturnRequestRepository;

  status: ReturnStatus = 'requested';
  lines = new Collection<ReturnLine>(this);
  description: string | null = null;
  /** The complaint whose accepted remedy this return is (§4.8, §5.7); at most one return each. */
  complaintId: string | null = null;
  /** References to photos or documents the consumer attached (ids or URLs, no personal data). */
  evidence: string[] = [];
  /** The merchant's decision deadline (returnApproval, on the service calendar). */
  approveBy: Date | null = null;
  commitmentVersion: number | null = null;
  /** Who decided: a principal's subject, or `platform` when the merchant stayed silent (§4.8). */
  decidedBy: string | null = null;
  decidedAt: Date | null = null;
  decisionNote: string | null = null;
  rejectReason: string | null = null;
  /** Where the goods go back to: the merchant's business address, not personal data. */
  returnAddress: string | null = null;
  /** The order's carrier, which carries the return too. */
  carrierId: string | null = null;
  provider: string | null = null;
  shipmentId: string | null = null;
  merchantSignature: StoredSignature | null = null;
  carrierSignature: StoredSignature | null = null;
  /** When the second signature made the merchant the goods' custodian again. */
  receivedAt: Date | null = null;
  inspectedAt: Date | null = null;
  /** Minor units; set once the refund's amount is fixed (goods + delivery fee when due). */
  refundGoodsAmount: number | null = null;
  refundDeliveryFee: number | null = null;
  refundAmount: number | null = null;
  refundBy: Date | null = null;
  refundedAt: Date | null = null;
  refundTransactionId: string | null = null;
  /** Why the refund is not through yet, for the consumer and staff (§7.1.2 query service). */
  refundPendingReason: string | null = null;
  /** An exchange's replacement: the handover process shipping it (`handover:return:<id>`). */
  replacementHandoverId: string | null = null;
  /** `shipping`, `delivered`, `returned_to_merchant`, or `out_of_stock` (refunded instead). */
  replacementOutcome: string | null = null;

  constructor(
    public orderId: string,
    public consumerId: string,
    public merchantId: string,
    public kind: ReturnKind,
    public reason: ReturnReason,
    public currency: string,
  ) {
    super();
  }

  /** What the platform refunds against: goods value of the lines, as accepted or as asked. */
  acceptedLines(): Array<{ productId: string; unitPrice: number; accepted: number }> {
    return this.lines.getItems().map((line) => ({
      productId: line.productId,
      unitPrice: line.unitPrice,
      accepted: line.accepted ?? (this.kind === 'refund_only' ? line.quantity : 0),
    }));
  }
}

export const ReturnRequestSchema = new EntitySchema<ReturnRequest, BaseEntity>({
  class: ReturnRequest,
  extends: BaseEntitySchema,
  tableName: 'return_request',
  repository: () => ReturnRequestRepository,
  uniques: [{ properties: ['provider', 'shipmentId'] }, { properties: ['complaintId'] }],
  indexes: [
    { properties: ['orderId', 'createdAt'] },
    { properties: ['consumerId', 'createdAt'] },
    { properties: ['merchantId', 'createdAt'] },
    { properties: ['carrierId', 'createdAt'] },
    { properties: ['status', 'createdAt'] },
  ],
  properties: {
    orderId: { type: 'uuid' },
    consumerId: { type: 'string' },
    merchantId: { type: 'uuid' },
    kind: { type: 'string', length: 16 },
    reason: { type: 'string', length: 32 },
    currency: { type: 'string', length: 3 },
    status: { type: 'string', length: 32 },
    description: { type: 'text', nullable: true },
    complaintId: { type: 'uuid', nullable: true },
    evidence: { type: 'json' },
    approveBy: { type: 'datetime', nullable: true },
    commitmentVersion: { type: 'integer', nullable: true },
    decidedBy: { type: 'string', nullable: true },
    decidedAt: { type: 'datetime', nullable: true },
    decisionNote: { type: 'text', nullable: true },
    rejectReason: { type: 'text', nullable: true },
    returnAddress: { type: 'text', nullable: true },
    carrierId: { type: 'uuid', nullable: true },
    provider: { type: 'string', length: 32, nullable: true },
    shipmentId: { type: 'string', length: 100, nullable: true },
    merchantSignature: { type: 'json', nullable: true },
    carrierSignature: { type: 'json', nullable: true },
    receivedAt: { type: 'datetime', nullable: true },
    inspectedAt: { type: 'datetime', nullable: true },
    refundGoodsAmount: { type: 'integer', nullable: true },
    refundDeliveryFee: { type: 'integer', nullable: true },
    refundAmount: { type: 'integer', nullable: true },
    refundBy: { type: 'datetime', nullable: true },
    refundedAt: { type: 'datetime', nullable: true },
    refundTransactionId: { type: 'string', nullable: true },
    refundPendingReason: { type: 'text', nullable: true },
    replacementHandoverId: { type: 'string', length: 100, nullable: true },
    replacementOutcome: { type: 'string', length: 32, nullable: true },
    lines: { kind: '1:m', entity: 'ReturnLine', mappedBy: 'returnRequest', orderBy: { position: 'asc' } },
  },
});
