// Non-repudiation of the handover slip (T/QGCML 3125 §6.2.1 both parties sign; §8.3 the
// platform keeps evidence that cannot be altered unnoticed).
//
// Ed25519, one key pair per party kind (merchant, carrier), derived with HKDF from
// PII_ENCRYPTION_KEY for this one purpose: nothing secret is stored in the database and
// the same secret gives the same keys after a restart. Each signature covers the slip's
// canonical content, the signer's identity (token subject, named custodian) and the time,
// so changing any of them — e.g. editing the row in SQL — makes it fail to verify. The
// public keys are published with each copy: anyone holding a copy can check it without
// the platform's database or secrets. (HMAC would need the secret to verify, so a party
// could not check its own copy.) The platform signs on the authenticated party's behalf;
// who asked is also in the audit trail.
import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';

export type SigningParty = 'merchant' | 'carrier';

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface PartyKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM, for copies and GET /handovers/:id. */
  publicKeyPem: string;
}

export type HandoverSigningKeys = Record<SigningParty, PartyKey>;

export function handoverSigningKeys(piiEncryptionKey: string): HandoverSigningKeys {
  const secret = Buffer.from(piiEncryptionKey, 'base64');
  const derive = (party: SigningParty): PartyKey => {
    const seed = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `storeops/handover-signing/${party}/v1`, 32));
    const privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    const publicKey = createPublicKey(privateKey);
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    return {
      keyId: `${party}-${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`,
      privateKey,
      publicKey,
      publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    };
  };
  return { merchant: derive('merchant'), carrier: derive('carrier') };
}

/** Key order and spacing never change the text: sorted keys, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export interface SignerIdentity {
  party: SigningParty;
  sub: string;
  custodianName: string;
  signedAt: string;
  keyId: string;
}

/** What is signed: a domain tag, the slip's content and the signer. */
export function signedMessage(content: unknown, signer: SignerIdentity): Buffer {
  return Buffer.from(canonicalJson({ purpose: 'storeops/handover-slip/v1', slip: content, signer }), 'utf8');
}

export function signSlip(keys: HandoverSigningKeys, content: unknown, signer: Omit<SignerIdentity, 'keyId'>): string {
  const key = keys[signer.party];
  return sign(null, signedMessage(content, { ...signer, keyId: key.keyId }), key.privateKey).toString('base64url');
}

/** False for a changed content or signer, an unknown key id, or a malformed signature. */
export function verifySlipSignature(
  keys: HandoverSigningKeys,
  content: unknown,
  signer: SignerIdentity,
  signature: string,
): boolean {
  const key = keys[signer.party];
  if (!key || key.keyId !== signer.keyId) return false;
  try {
    return verify(null, signedMessage(content, signer), key.publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
