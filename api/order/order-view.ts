import type { Order } from '../../db/entities/order.entity';
import type { OrderView } from './schemas';

/** The order as clients see it: no payment token, no address (that stays encrypted). */
export function toOrderView(order: Order): OrderView {
  return {
    id: order.id,
    status: order.status,
    cancelReason: order.cancelReason,
    merchantId: order.merchantId,
    items: order.items.getItems().map((item) => ({
      productId: item.productId,
      sku: item.sku,
      name: item.name,
      unitPrice: item.unitPrice,
      quantity: item.quantity,
      lineAmount: item.lineAmount(),
    })),
    amounts: {
      goods: order.goodsAmount,
      delivery: order.deliveryFee,
      total: order.totalAmount(),
      currency: order.currency,
    },
    confirmBy: order.confirmBy?.toISOString() ?? null,
    commitmentVersion: order.commitmentVersion,
    termsVersion: order.termsVersion,
    placedAt: order.createdAt.toISOString(),
    timeline: order.events.isInitialized()
      ? order.events
          .getItems()
          .map((event) => ({ type: event.type, at: event.occurredAt.toISOString(), details: event.details }))
      : [],
  };
}
