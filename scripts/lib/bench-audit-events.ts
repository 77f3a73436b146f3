import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, openSync, writeSync } from 'node:fs';
import { auditEventHash, GENESIS_HASH } from '../../db/audit-hash';
import type { AuditEvent } from '../../db/entities/audit-event.entity';

/**
 * A valid hash chain of `count` audit events as a COPY text file (the benchmark's audit
 * trail, verified on the standby like a real one). Hashes come from db/audit-hash.ts.
 */
export function writeAuditEventsFile(file: string, count: number): void {
  const fd = openSync(file, 'w');
  let prevHash = GENESIS_HASH;
  const start = Date.now() - count * 1000;
  let buffer = '';
  for (let seq = 1; seq <= count; seq += 1) {
    const event = {
      id: randomUUID(),
      seq,
      occurredAt: new Date(start + seq * 1000),
      actorSub: `ops-${seq % 7}`,
      actorRole: 'ops',
      action: 'bench.event',
      entity: 'customer_order',
      entityId: String(seq),
      outcome: 'success',
      ip: null,
      requestId: null,
      details: { n: seq },
      prevHash,
    } as unknown as AuditEvent;
    const hash = auditEventHash(event);
    buffer +=
      [
        event.id,
        seq,
        event.occurredAt.toISOString(),
        event.actorSub,
        'ops',
        'bench.event',
        'customer_order',
        String(seq),
        'success',
        '\\N',
        '\\N',
        JSON.stringify({ n: seq }),
        prevHash,
        hash,
      ].join('\t') + '\n';
    prevHash = hash;
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  chmodSync(file, 0o644);
}
