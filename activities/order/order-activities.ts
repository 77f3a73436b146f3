import { Context } from '@temporalio/activity';
import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { Order } from '../../db/entities/order.entity';
import { OrderEvent } from '../../db/entities/order-event.entity';
import { SlaBreach, type SlaObligation } from '../../db/entities/sla-breach.entity';
import { Product } from '../../db/entities/product.entity';
import type { CancelReason } from '../../domain/order-status';
import { addServiceTime, serviceTimeBetween, type CalendarKind } from '../../domain/service-calendar';
import { createOrderMailActivities, type OrderMailDeps } from './order-mail';
import { createOrderPaymentActivities, type OrderPaymentDeps } from './order-payment-activities';
import { recordOrderEvent } from './order-timeline';

/** How far into the confirmation window (in service time) the merchant is reminded. */
const REMINDER_AT_FRACTION = 0.75;

export interface DeadlineResolver {
  resolveDeadlines(input: {
    startedAt: string;
    terms: Array<'orderConfirmation'>;
  }): Promise<{ version: number; calendar: CalendarKind; deadlines: Partial<Record<'orderConfirmation', string>> }>;
}

export interface OrderActivityDeps extends OrderPaymentDeps, OrderMailDeps {
  orm: MikroORM;
  commitments: DeadlineResolver;
}

/** The activities of the orderConfirmation workflow (T/QGCML 3125 §4.7, §5.3, §5.4, §4.6). */
export function createOrderActivities(deps: OrderActivityDeps) {
  const { orm, commitments } = deps;

  return {
    ...createOrderPaymentActivities(deps),
    ...createOrderMailActivities(deps),

    /**
     * The confirmation deadline and the reminder, from the service commitments in force
     * when the order was placed; kept on the order so a retry or a later change of the
     * commitments gives the same answer.
     */
    async planOrderConfirmation(input: { orderId: string; placedAt: string }) {
      const em = orm.em.fork();
      const order = await em.findOneOrFail(Order, { id: input.orderId });
      const resolved = await commitments.resolveDeadlines({ startedAt: input.placedAt, terms: ['orderConfirmation'] });
      const confirmBy = new Date(resolved.deadlines.orderConfirmation as string);
      const placedAt = new Date(input.placedAt);
      // The reminder counts on the same holiday years as the deadline: those in force at placement.
      const holidays = await em.getRepository(HolidayYearVersion).calendarInForceAt(placedAt);
      const window = serviceTimeBetween(placedAt, confirmBy, resolved.calendar, holidays);
      const remindAt = addServiceTime(placedAt, Math.floor(window * REMINDER_AT_FRACTION), resolved.calendar, holidays);
      if (!order.confirmBy) {
        order.confirmBy = confirmBy;
        order.commitmentVersion = resolved.version;
      }
      // The process's first step: from here the unstarted-order sweep leaves the order alone.
      order.processStartedAt ??= new Date();
      await em.flush();
      return {
        confirmBy: (order.confirmBy ?? confirmBy).toISOString(),
        remindAt: remindAt.toISOString(),
        commitmentVersion: order.commitmentVersion ?? resolved.version,
      };
    },

    /** The API reserved the stock with the order; this only confirms it (or takes it again). */
    async reserveStock(input: { orderId: string }): Promise<void> {
      await orm.em.fork().transactional(async (em) => {
        const order = await em.findOneOrFail(
          Order,
          { id: input.orderId },
          { populate: ['items'], lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (order.stockReserved) return;
        for (const item of order.items) {
          const taken = await em.getRepository(Product).reserveStock(item.productId, item.quantity);
          if (!taken)
            throw ApplicationFailure.nonRetryable(
              `not enough stock of ${item.sku} for order ${order.id}`,
              'OutOfStock',
            );
        }
        order.stockReserved = true;
      });
    },

    async releaseStock(input: { orderId: string }): Promise<void> {
      await orm.em.fork().transactional(async (em) => {
        const order = await em.findOneOrFail(
          Order,
          { id: input.orderId },
          { populate: ['items'], lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (!order.stockReserved) return;
        for (const item of order.items) await em.getRepository(Product).releaseStock(item.productId, item.quantity);
        order.stockReserved = false;
        em.persist(new OrderEvent({ order, key: 'stock_released', type: 'stock_released', occurredAt: new Date() }));
      });
    },

    async recordOrderConfirmed(input: { orderId: string; by: string }): Promise<void> {
      await recordOrderEvent(orm, input.orderId, 'confirmed', { by: input.by }, (order) => {
        order.status = 'confirmed';
      });
    },

    async recordOrderCancelled(input: { orderId: string; reason: CancelReason; by?: string }): Promise<void> {
      await recordOrderEvent(orm, input.orderId, 'cancelled', { reason: input.reason, by: input.by }, (order) => {
        order.status = 'cancelled';
        order.cancelReason = input.reason;
      });
    },

    /** A missed deadline, charged to the merchant (§4.7); one per order and obligation. */
    async recordSlaBreach(input: { orderId: string; obligation: SlaObligation; dueAt: string }): Promise<void> {
      const em = orm.em.fork();
      const order = await em.findOneOrFail(Order, { id: input.orderId });
      const existing = await em.count(SlaBreach, { obligation: input.obligation, subjectId: order.id });
      if (existing > 0) return;
      em.persist(
        new SlaBreach({
          party: 'merchant',
          partyId: order.merchantId,
          obligation: input.obligation,
          subjectId: order.id,
          dueAt: new Date(input.dueAt),
          detectedAt: new Date(),
        }),
      );
      await em.flush();
      Context.current().log.info('SLA breach recorded', { orderId: order.id, obligation: input.obligation });
    },
  };
}
