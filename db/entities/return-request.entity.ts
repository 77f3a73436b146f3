import { Collection, Entity, EntityRepositoryType, Index, OneToMany, Property, Unique } from '@mikro-orm/core';
import type { ReturnKind, ReturnReason, ReturnStatus } from '../../domain/returns';
import { ReturnRequestRepository } from '../repositories/return-request.repository';
import { OrderParties, type OrderPartiesFields } from './order-parties';
import type { StoredSignature } from './handover-slip.entity';
import type { ReturnLine } from './return-line.entity';

/**
 * A consumer's request to return, exchange or be refunded for goods of one order
 * (T/QGCML 3125 §6.4; §4.8, §5.7 remedies). It carries the process's facts for reads and
 * lists: the merchant's decision, the return shipment and its handover slip signed by
 * courier and merchant (the same Ed25519 mechanism as delivery), the inspection, the
 * refund. The returnRefund workflow (`return:<id>`) drives it; the API only reads it.
 */
@Entity({ tableName: 'return_request', repository: () => ReturnRequestRepository })
@Unique({ properties: ['provider', 'shipmentId'] })
@Unique({ properties: ['complaintId'] })
@Unique({ properties: ['consumerId', 'idempotencyKey'] })
@Index({ properties: ['orderId', 'createdAt'] })
@Index({ properties: ['consumerId', 'createdAt'] })
@Index({ properties: ['merchantId', 'createdAt'] })
@Index({ properties: ['carrierId', 'createdAt'] })
@Index({ properties: ['status', 'createdAt'] })
@Index({ properties: ['processStartedAt', 'createdAt'] })
export class ReturnRequest extends OrderParties {
  declare [EntityRepositoryType]?: ReturnRequestRepository;

  @Property({ type: 'string', length: 32 }) status: ReturnStatus = 'requested';

  @OneToMany<ReturnLine, ReturnRequest>({
    entity: 'ReturnLine',
    mappedBy: 'returnRequest',
    orderBy: { position: 'asc' },
  })
  lines = new Collection<ReturnLine>(this);

  @Property({ type: 'text', nullable: true }) description: string | null = null;

  /** The complaint whose accepted remedy this return is (§4.8, §5.7); at most one return each. */
  @Property({ type: 'uuid', nullable: true }) complaintId: string | null = null;

  /** References to photos or documents the consumer attached (ids or URLs, no personal data). */
  @Property({ type: 'json' }) evidence: string[] = [];

  /** The merchant's decision deadline (returnApproval, on the service calendar). */
  @Property({ type: 'datetime', nullable: true }) approveBy: Date | null = null;

  @Property({ type: 'integer', nullable: true }) commitmentVersion: number | null = null;

  /**
   * When the return's process first ran (its first activity): a request committed without
   * one (the API died between commit and start) is found by the unstarted-process sweep.
   */
  @Property({ type: 'datetime', nullable: true }) processStartedAt: Date | null = null;

  /** Who decided: a principal's subject, or `platform` when the merchant stayed silent (§4.8). */
  @Property({ type: 'string', nullable: true }) decidedBy: string | null = null;

  @Property({ type: 'datetime', nullable: true }) decidedAt: Date | null = null;

  @Property({ type: 'text', nullable: true }) decisionNote: string | null = null;

  @Property({ type: 'text', nullable: true }) rejectReason: string | null = null;

  /** Where the goods go back to: the merchant's business address, not personal data. */
  @Property({ type: 'text', nullable: true }) returnAddress: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true }) provider: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true }) shipmentId: string | null = null;

  @Property({ type: 'json', nullable: true }) merchantSignature: StoredSignature | null = null;

  @Property({ type: 'json', nullable: true }) carrierSignature: StoredSignature | null = null;

  /** When the second signature made the merchant the goods' custodian again. */
  @Property({ type: 'datetime', nullable: true }) receivedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true }) inspectedAt: Date | null = null;

  /** Minor units; set once the refund's amount is fixed (goods + delivery fee when due). */
  @Property({ type: 'integer', nullable: true }) refundGoodsAmount: number | null = null;

  @Property({ type: 'integer', nullable: true }) refundDeliveryFee: number | null = null;

  @Property({ type: 'integer', nullable: true }) refundAmount: number | null = null;

  @Property({ type: 'datetime', nullable: true }) refundBy: Date | null = null;

  @Property({ type: 'datetime', nullable: true }) refundedAt: Date | null = null;

  @Property({ type: 'string', nullable: true }) refundTransactionId: string | null = null;

  /** Why the refund is not through yet, for the consumer and staff (§7.1.2 query service). */
  @Property({ type: 'text', nullable: true }) refundPendingReason: string | null = null;

  /** An exchange's replacement: the handover process shipping it (`handover:return:<id>`). */
  @Property({ type: 'string', length: 100, nullable: true }) replacementHandoverId: string | null = null;

  /** `shipping`, `delivered`, `returned_to_merchant`, or `out_of_stock` (refunded instead). */
  @Property({ type: 'string', length: 32, nullable: true }) replacementOutcome: string | null = null;

  @Property({ type: 'string', length: 16 }) kind!: ReturnKind;

  @Property({ type: 'string', length: 32 }) reason!: ReturnReason;

  @Property({ type: 'string', length: 3 }) currency!: string;

  /** Takes named fields: the parties but the carrier, and the columns without a default. */
  constructor(fields: Omit<OrderPartiesFields, 'carrierId'> & Pick<ReturnRequest, 'kind' | 'reason' | 'currency'>) {
    // Created without a carrier: the caller sets the order's (its handover slip's) when it has one.
    super({ ...fields, carrierId: null });
    // Its own columns here, after super() has returned and its field declarations have run
    // (the base assigned only the base's: docs/architecture.md "Database").
    Object.assign(this, fields);
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
