import type { MikroORM } from '@mikro-orm/postgresql';
import { Product } from '../../db/entities/product.entity';
import { replacementHandoverWorkflowId } from '../../workflows/delivery/delivery-handover.definitions';
import { returnStep } from './return-step';

/** What became of an exchange's replacement (README "Returns"). */
export type ReplacementOutcome = 'shipping' | 'delivered' | 'returned_to_merchant' | 'out_of_stock';

/** Thrown inside the reservation's transaction so that no line stays half reserved. */
class ReplacementOutOfStock extends Error {}

/**
 * The replacement of an exchange (T/QGCML 3125 §6.4; §4.8, §5.7 exchange as a remedy): its
 * stock is reserved in one transaction, and it ships through its own delivery handover.
 */
export function createReturnExchangeActivities({ orm }: { orm: MikroORM }) {
  return {
    /**
     * Takes the accepted quantities from stock, all lines or none (§5.3). Recorded once on
     * the order's timeline: a retry answers what was decided the first time.
     */
    async reserveReplacement(input: {
      returnId: string;
    }): Promise<{ reserved: boolean; handoverWorkflowId: string | null }> {
      const handoverWorkflowId = replacementHandoverWorkflowId(input.returnId);
      try {
        await returnStep(
          orm,
          input.returnId,
          'return_replacement_reserved',
          { handoverWorkflowId },
          async (request, em) => {
            if (request.replacementOutcome === 'out_of_stock') throw new ReplacementOutOfStock();
            for (const line of request.acceptedLines()) {
              if (line.accepted <= 0) continue;
              if (!(await em.getRepository(Product).reserveStock(line.productId, line.accepted)))
                throw new ReplacementOutOfStock();
            }
            request.replacementHandoverId = handoverWorkflowId;
            request.replacementOutcome = 'shipping';
          },
        );
      } catch (error) {
        if (!(error instanceof ReplacementOutOfStock)) throw error;
        await returnStep(orm, input.returnId, 'return_replacement_out_of_stock', {}, (request) => {
          request.replacementOutcome = 'out_of_stock';
        });
        return { reserved: false, handoverWorkflowId: null };
      }
      return { reserved: true, handoverWorkflowId };
    },

    /**
     * The replacement's handover ended: delivered, the exchange is done; returned to the
     * merchant, its stock is given back and the consumer is refunded instead.
     */
    async recordReplacementOutcome(input: {
      returnId: string;
      outcome: Extract<ReplacementOutcome, 'delivered' | 'returned_to_merchant'>;
    }): Promise<void> {
      const type = input.outcome === 'delivered' ? 'return_exchanged' : 'return_replacement_returned';
      await returnStep(orm, input.returnId, type, {}, async (request, em) => {
        request.replacementOutcome = input.outcome;
        if (input.outcome === 'delivered') {
          request.status = 'exchanged';
          return;
        }
        for (const line of request.acceptedLines())
          if (line.accepted > 0) await em.getRepository(Product).releaseStock(line.productId, line.accepted);
      });
    },
  };
}
