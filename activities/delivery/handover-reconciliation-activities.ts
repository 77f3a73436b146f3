import type { MikroORM } from '@mikro-orm/postgresql';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { Order } from '../../db/entities/order.entity';
import { ReconciliationDiscrepancy, type DiscrepancyKind } from '../../db/entities/reconciliation-discrepancy.entity';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { createMailActivities } from '../shared/mail/mail-activities';
import type { LogisticsProvider } from '../shared/providers/logistics-provider';

export interface HandoverReconciliationDeps {
  orm: MikroORM;
  logistics: LogisticsProvider;
  mail: Pick<ReturnType<typeof createMailActivities>, 'sendTemplatedMail'>;
  clock?: () => Date;
}

interface Finding {
  kind: DiscrepancyKind;
  order: Order;
  slip: HandoverSlip | null;
  details: Record<string, unknown>;
}

const DAY = 86_400_000;
const HANDED_OVER: Order['status'][] = ['handed_over', 'in_transit', 'delivered', 'completed'];

/** What a slip says against what the order and the carrier say (counts and amounts only). */
async function compare(order: Order, slip: HandoverSlip, logistics: LogisticsProvider): Promise<Finding[]> {
  const found: Finding[] = [];
  const add = (kind: DiscrepancyKind, details: Record<string, unknown>) => found.push({ kind, order, slip, details });
  const orderedItems = order.items.getItems().reduce((sum, item) => sum + item.quantity, 0);
  if (slip.itemCount !== orderedItems) add('count_mismatch', { slipItems: slip.itemCount, orderItems: orderedItems });
  if (slip.goodsValue !== order.goodsAmount)
    add('value_mismatch', { slipGoodsValue: slip.goodsValue, orderGoodsAmount: order.goodsAmount });
  if (!slip.shipmentId) return found;
  const shipment = await logistics.getShipment(slip.shipmentId);
  if (!shipment) {
    add('missing_shipment', { shipmentId: slip.shipmentId });
    return found;
  }
  if (shipment.pieces !== slip.packages.length)
    add('carrier_count_mismatch', { slipPackages: slip.packages.length, carrierPieces: shipment.pieces });
  if (shipment.declaredValue.value !== slip.declaredValue)
    add('carrier_value_mismatch', { slipDeclared: slip.declaredValue, carrierDeclared: shipment.declaredValue.value });
  const delivered = slip.deliveredAt !== null || shipment.status === 'delivered' || shipment.status === 'cod_remitted';
  if (slip.codAmount && delivered && shipment.codRemitted.value < slip.codAmount)
    add('unremitted_cod', { codAmount: slip.codAmount, carrierRemitted: shipment.codRemitted.value });
  return found;
}

export function createHandoverReconciliationActivities(deps: HandoverReconciliationDeps) {
  const { orm, logistics } = deps;
  const clock = deps.clock ?? (() => new Date());

  return {
    /** Reads, compares, and upserts one discrepancy per kind and order; safe to retry. */
    async reconcileHandovers(input: { lookbackDays: number }) {
      const now = clock();
      const since = new Date(now.getTime() - input.lookbackDays * DAY);
      const em = orm.em.fork();
      const slips = await em.find(HandoverSlip, { createdAt: { $gte: since }, returnId: null });
      const slipByOrder = new Map(slips.map((slip) => [slip.orderId, slip]));
      const orders = await em.find(
        Order,
        {
          $or: [{ id: { $in: [...slipByOrder.keys()] } }, { status: { $in: HANDED_OVER }, updatedAt: { $gte: since } }],
        },
        { populate: ['items'] },
      );
      const findings: Finding[] = [];
      for (const order of orders) {
        const slip = slipByOrder.get(order.id) ?? null;
        if (!slip) {
          if (HANDED_OVER.includes(order.status))
            findings.push({ kind: 'missing_slip', order, slip, details: { status: order.status } });
          continue;
        }
        findings.push(...(await compare(order, slip, logistics)));
      }
      for (const finding of findings) {
        const existing = await em.findOne(ReconciliationDiscrepancy, { kind: finding.kind, orderId: finding.order.id });
        if (existing) {
          existing.lastSeenAt = now;
          existing.details = finding.details;
        } else
          em.persist(
            new ReconciliationDiscrepancy({
              kind: finding.kind,
              orderId: finding.order.id,
              merchantId: finding.order.merchantId,
              carrierId: finding.slip?.carrierId ?? null,
              slipId: finding.slip?.id ?? null,
              details: finding.details,
              firstSeenAt: now,
              lastSeenAt: now,
            }),
          );
      }
      await em.flush();
      return {
        runDate: now.toISOString().slice(0, 10),
        items: findings.map((finding) => ({ kind: finding.kind, orderId: finding.order.id })),
      };
    },

    async mailReconciliationReport(input: { runDate: string; items: Array<{ kind: string; orderId: string }> }) {
      await deps.mail.sendTemplatedMail({
        idempotencyKey: `${workflowIdOfActivity()}:reconciliation_discrepancies_staff`,
        purpose: 'reconciliation_discrepancies_staff',
        recipient: { kind: 'staff', id: 'staff' },
        data: { runDate: input.runDate, count: input.items.length, items: input.items.slice(0, 200) },
      });
    },
  };
}
