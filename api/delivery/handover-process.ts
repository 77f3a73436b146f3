import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { HandoverSlip } from '../../db/entities/handover-slip.entity';
import {
  handoverSlipChangedSignal,
  handoverWorkflowIdOfSlip,
} from '../../workflows/delivery/delivery-handover.definitions';
import { signalIfRunning } from '../shared/process-messages';

/**
 * Tells a slip's handover process (the order's, or an exchange replacement's) to re-read
 * the slip; one not yet started reads it when it starts.
 */
export async function nudgeHandover(temporal: Client, log: FastifyBaseLogger, slip: HandoverSlip): Promise<void> {
  await signalIfRunning(
    temporal,
    log,
    handoverWorkflowIdOfSlip(slip),
    handoverSlipChangedSignal,
    [{ slipId: slip.id }],
    { slipId: slip.id },
    slip.returnId ? 'no replacement handover running yet' : 'no handover process running for this slip yet',
  );
}
