import { EntityRepository } from '@mikro-orm/postgresql';
import { finalReturnStatuses, type ReturnStatus } from '../../domain/returns';
import { Payment } from '../entities/payment.entity';
import { ReturnRequest } from '../entities/return-request.entity';
import type { OrderScope } from './order.repository';

/** Named queries over returns, always within the caller's scope (api/auth/ownership.ts). */
export class ReturnRequestRepository extends EntityRepository<ReturnRequest> {
  /** The return if it exists and lies in the caller's scope (a courier: its carrier's); else null. */
  findVisible(id: string, scope: OrderScope): Promise<ReturnRequest | null> {
    return this.findOne({ id, ...scope }, { populate: ['lines'] });
  }

  /** The return a consumer asked for under an Idempotency-Key, with its lines, which the view shows. */
  findByIdempotencyKey(consumerId: string, idempotencyKey: string): Promise<ReturnRequest | null> {
    return this.findOne({ consumerId, idempotencyKey }, { populate: ['lines'] });
  }

  /** Newest first, optionally of one order or one status, with the total for paging. */
  listVisible(
    scope: OrderScope,
    filter: { orderId?: string; status?: ReturnStatus },
    page: { limit: number; offset: number },
  ): Promise<[ReturnRequest[], number]> {
    return this.findAndCount(
      {
        ...scope,
        ...(filter.orderId ? { orderId: filter.orderId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      { populate: ['lines'], orderBy: { createdAt: 'desc', id: 'asc' }, limit: page.limit, offset: page.offset },
    );
  }

  /** Returns of an order that still hold goods: every one but those rejected or failed. */
  holdingGoods(orderId: string): Promise<ReturnRequest[]> {
    return this.find({ orderId, status: { $nin: ['rejected', 'inspection_failed'] } }, { populate: ['lines'] });
  }

  /**
   * What a new refund of the order must fit in (§7.1.2): captured, and what refunds already
   * took or hold — refunds recorded outside returns plus every other return's fixed amount,
   * paid or not yet — and whether one of them gave the delivery fee back.
   */
  async refundRoom(orderId: string, exceptReturnId?: string) {
    const em = this.getEntityManager();
    const records = await em.find(Payment, { subjectType: 'order', subjectId: orderId, status: 'succeeded' });
    const captured = records.filter((p) => p.operation === 'capture').reduce((sum, p) => sum + p.amount, 0);
    const outside = records.filter((p) => p.operation === 'refund' && !p.idempotencyKey.startsWith('return:'));
    const others = await em.find(ReturnRequest, {
      orderId,
      ...(exceptReturnId ? { id: { $ne: exceptReturnId } } : {}),
    });
    return {
      captured,
      alreadyRefunded:
        outside.reduce((sum, p) => sum + p.amount, 0) + others.reduce((sum, r) => sum + (r.refundAmount ?? 0), 0),
      deliveryFeeRefunded: others.some((other) => (other.refundDeliveryFee ?? 0) > 0),
    };
  }

  /** Still running: what a staff work queue lists. */
  open(): Promise<ReturnRequest[]> {
    return this.find({ status: { $nin: [...finalReturnStatuses] } }, { orderBy: { createdAt: 'asc' } });
  }
}
