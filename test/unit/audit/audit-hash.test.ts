import { auditEventHash, canonicalJson, GENESIS_HASH, type HashedAuditFields } from '../../../db/audit-hash';

const event: HashedAuditFields = {
  id: '3f0c8d52-2a6e-4bd4-9d0f-5a3f3c1e9b10',
  seq: 7,
  occurredAt: new Date('2026-11-24T08:00:00.123Z'),
  actorSub: 's-1',
  actorRole: 'staff',
  action: 'service_commitments.update',
  entity: 'service_commitments',
  entityId: 'v2',
  outcome: 'success',
  ip: '10.0.0.1',
  requestId: 'req-9',
  details: { version: 2 },
  prevHash: GENESIS_HASH,
};

describe('audit event hash: canonical SHA-256 over every field and the link (T/QGCML 3125 §8.3.4)', () => {
  it('serialises objects with keys sorted at every depth and arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it('gives the same hash whatever the key order of details', () => {
    const reordered = { ...event, details: { b: 2, a: 1 } };
    expect(auditEventHash(reordered)).toBe(auditEventHash({ ...event, details: { a: 1, b: 2 } }));
    expect(auditEventHash(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<HashedAuditFields>]>([
    ['seq', { seq: 8 }],
    ['id', { id: '00000000-0000-4000-8000-000000000000' }],
    ['occurredAt', { occurredAt: new Date('2026-11-24T08:00:00.124Z') }],
    ['actorSub', { actorSub: 's-2' }],
    ['actorRole', { actorRole: 'auditor' }],
    ['action', { action: 'service_commitments.read' }],
    ['entity', { entity: 'order' }],
    ['entityId', { entityId: 'v3' }],
    ['outcome', { outcome: 'denied' }],
    ['ip', { ip: null }],
    ['requestId', { requestId: 'req-10' }],
    ['details', { details: { version: 3 } }],
    ['prevHash', { prevHash: 'f'.repeat(64) }],
  ])('changes when %s changes', (_field, change) => {
    expect(auditEventHash({ ...event, ...change })).not.toBe(auditEventHash(event));
  });
});
