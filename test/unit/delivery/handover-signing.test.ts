import { randomBytes } from 'node:crypto';
import { validSignature } from '../../../api/delivery/webhook-routes';
import {
  canonicalJson,
  handoverSigningKeys,
  signSlip,
  verifySlipSignature,
  type SignerIdentity,
} from '../../../domain/handover-signing';
import { signWebhook } from '../../../sandbox/logistics-carrier/webhooks';

const secret = randomBytes(32).toString('base64');
const content = { slipId: 's-1', itemCount: 3, packages: [{ items: [{ productId: 'p', quantity: 3 }] }] };
const signer = {
  party: 'merchant' as const,
  sub: 'm-user-1',
  custodianName: 'Zhang San',
  signedAt: '2026-11-24T10:00:00.000Z',
};

describe('handover slip signatures (T/QGCML 3125 §6.2.1, §8.3 non-repudiation)', () => {
  const keys = handoverSigningKeys(secret);
  const identity: SignerIdentity = { ...signer, keyId: keys.merchant.keyId };
  const signature = signSlip(keys, content, signer);

  it('verifies with keys derived again from the same secret: nothing is stored', () => {
    expect(verifySlipSignature(handoverSigningKeys(secret), content, identity, signature)).toBe(true);
  });

  it('fails for changed content, a changed signer or time, another party’s key, or another secret', () => {
    expect(verifySlipSignature(keys, { ...content, itemCount: 2 }, identity, signature)).toBe(false);
    expect(verifySlipSignature(keys, content, { ...identity, custodianName: 'Someone Else' }, signature)).toBe(false);
    expect(verifySlipSignature(keys, content, { ...identity, signedAt: '2026-11-24T10:00:01.000Z' }, signature)).toBe(
      false,
    );
    expect(verifySlipSignature(keys, content, { ...identity, party: 'carrier' }, signature)).toBe(false);
    const other = handoverSigningKeys(randomBytes(32).toString('base64'));
    expect(verifySlipSignature(other, content, { ...identity, keyId: other.merchant.keyId }, signature)).toBe(false);
    expect(verifySlipSignature(keys, content, identity, 'not-a-signature')).toBe(false);
  });

  it('signs the canonical form: key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const reordered = { packages: content.packages, itemCount: 3, slipId: 's-1' };
    expect(verifySlipSignature(keys, reordered, identity, signature)).toBe(true);
  });
});

describe('logistics webhook signatures (HMAC-SHA256 over timestamp.body)', () => {
  it('accepts the carrier’s signature and refuses another secret, timestamp or body', () => {
    const body = '{"id":"evt_1"}';
    const header = signWebhook('shared-secret-123456', '1700000000', body);
    expect(validSignature('shared-secret-123456', '1700000000', body, header)).toBe(true);
    expect(validSignature('other-secret-1234567', '1700000000', body, header)).toBe(false);
    expect(validSignature('shared-secret-123456', '1700000001', body, header)).toBe(false);
    expect(validSignature('shared-secret-123456', '1700000000', '{"id":"evt_2"}', header)).toBe(false);
    expect(validSignature('shared-secret-123456', '1700000000', body, 'sha256=short')).toBe(false);
  });
});
