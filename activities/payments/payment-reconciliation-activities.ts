import type { MikroORM } from '@mikro-orm/postgresql';
import { Payment } from '../../db/entities/payment.entity';
import { PaymentDiscrepancy } from '../../db/entities/payment-discrepancy.entity';
import { chinaDay } from '../../domain/china-time';
import type { PaymentProvider } from '../shared/providers/payment-provider';

/** Movements that settle money; authorisations and voids do not. */
const SETTLED_OPERATIONS = ['capture', 'refund', 'payout'] as const;

export interface PaymentReconciliationResult {
  settlementDate: string;
  platformRecords: number;
  providerRecords: number;
  discrepancies: number;
}

/**
 * Daily reconciliation with the payment provider (T/QGCML 3125 §4.6, §7.1): every
 * capture, refund and payout the platform recorded for the day must be in the provider's
 * settlement with the same amount, and nothing may be settled that the platform does
 * not know. The day's discrepancies are replaced on each run, so a re-run is idempotent.
 */
export function createPaymentReconciliationActivities({ orm, payments }: { orm: MikroORM; payments: PaymentProvider }) {
  return {
    async reconcilePayments(input: { settlementDate: string }): Promise<PaymentReconciliationResult> {
      const { from, to } = chinaDay(input.settlementDate);
      const settlement = await payments.listSettlements(input.settlementDate);
      const providerItems = new Map(
        settlement.items
          .filter((item) => item.type !== 'authorization' && item.type !== 'void')
          .map((item) => [item.id, item]),
      );

      return orm.em.fork().transactional(async (em) => {
        const records = await em.find(Payment, {
          operation: { $in: [...SETTLED_OPERATIONS] },
          status: 'succeeded',
          createdAt: { $gte: from, $lt: to },
        });
        const found: PaymentDiscrepancy[] = [];
        const known = new Set<string>();
        for (const record of records) {
          const id = record.providerTransactionId ?? `(none:${record.id})`;
          known.add(id);
          const item = providerItems.get(id);
          if (!item)
            found.push(
              new PaymentDiscrepancy({
                settlementDate: input.settlementDate,
                kind: 'missing_at_provider',
                providerTransactionId: id,
                reference: record.subjectId,
                platformAmount: record.amount,
                providerAmount: null,
              }),
            );
          else if (item.amount.value !== record.amount)
            found.push(
              new PaymentDiscrepancy({
                settlementDate: input.settlementDate,
                kind: 'amount_mismatch',
                providerTransactionId: id,
                reference: record.subjectId,
                platformAmount: record.amount,
                providerAmount: item.amount.value,
              }),
            );
          // Matched: the provider's statement confirms the day it settled (§7.1.2), for the consumer's record.
          else record.settlementDate ??= item.settlementDate ?? input.settlementDate;
        }
        for (const [id, item] of providerItems) {
          if (!known.has(id))
            found.push(
              new PaymentDiscrepancy({
                settlementDate: input.settlementDate,
                kind: 'missing_at_platform',
                providerTransactionId: id,
                reference: item.reference,
                platformAmount: null,
                providerAmount: item.amount.value,
              }),
            );
        }
        await em.nativeDelete(PaymentDiscrepancy, { settlementDate: input.settlementDate });
        em.persist(found);
        return {
          settlementDate: input.settlementDate,
          platformRecords: records.length,
          providerRecords: providerItems.size,
          discrepancies: found.length,
        };
      });
    },
  };
}
