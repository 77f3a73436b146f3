import type { EntityManager } from '@mikro-orm/postgresql';
import { auditEventHash, GENESIS_HASH } from './audit-hash';
import { AuditEvent } from './entities/audit-event.entity';

export interface AuditChainVerification {
  intact: boolean;
  /** Events read, up to and including the first broken one. */
  eventsChecked: number;
  /** The newest event verified: keep its hash elsewhere to detect a truncated tail later. */
  head?: { seq: number; hash: string };
  /** The first seq where the chain breaks (for a deleted row: the missing seq). */
  firstBrokenSeq?: number;
  reason?: string;
}

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Recomputes the whole chain in seq order (T/QGCML 3125 §8.3.5 traceability, §8.3.4
 * integrity against a changed field) and names the first broken link: a missing seq (a
 * deleted row), an event whose `prevHash` is not its predecessor's hash (a rewritten or
 * inserted event), or an event whose content no longer matches its own hash (a changed
 * field). Reads in keyset batches on its own fork, so memory stays flat however long the
 * trail is. What it cannot see alone is a cut-off tail: compare `head` with one kept
 * outside the database.
 */
export async function verifyAuditChain(
  em: EntityManager,
  options: { batchSize?: number } = {},
): Promise<AuditChainVerification> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const events = em.fork().getRepository(AuditEvent);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let eventsChecked = 0;
  const broken = (seq: number, reason: string): AuditChainVerification => ({
    intact: false,
    eventsChecked,
    ...(expectedSeq > 1 ? { head: { seq: expectedSeq - 1, hash: prevHash } } : {}),
    firstBrokenSeq: seq,
    reason,
  });

  for (;;) {
    const batch = await events.findBatchAfter(expectedSeq - 1, batchSize);
    for (const event of batch) {
      eventsChecked += 1;
      if (event.seq !== expectedSeq)
        return broken(
          expectedSeq,
          `event ${expectedSeq} is missing (the next stored event is ${event.seq}): a row was deleted`,
        );
      if (event.prevHash !== prevHash)
        return broken(
          event.seq,
          expectedSeq === 1
            ? 'event 1 does not start from the genesis hash: the start of the chain was replaced'
            : `event ${event.seq} does not link to event ${expectedSeq - 1} (prevHash differs from its hash): an event was rewritten or inserted`,
        );
      if (auditEventHash(event) !== event.hash)
        return broken(event.seq, `event ${event.seq} does not match its hash: a field was changed`);
      prevHash = event.hash;
      expectedSeq += 1;
    }
    if (batch.length < batchSize) break;
  }
  return {
    intact: true,
    eventsChecked,
    ...(expectedSeq > 1 ? { head: { seq: expectedSeq - 1, hash: prevHash } } : {}),
  };
}
