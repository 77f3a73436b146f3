import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../config/env';

const FORMAT = 'f1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored ciphertext is not readable with the configured keys, or was altered. */
export class FieldCipherError extends Error {
  override readonly name = 'FieldCipherError';
}

/**
 * Encrypts personal data at rest, one column value at a time (T/QGCML 3125 §7.2, §8.3.3):
 * AES-256-GCM with a random IV, stored as `f1.<key id>.<base64url(iv|ciphertext|tag)>`.
 *
 * - The key is derived (HKDF) from PII_ENCRYPTION_KEY for this one purpose, so the same
 *   secret never encrypts both Temporal payloads and columns directly.
 * - The key id in each value lets an old key stay readable while a new one encrypts.
 * - Each value is bound to a context (e.g. `account:<id>:phone`) as associated data, so a
 *   ciphertext copied into another row or column fails to decrypt instead of passing as
 *   someone else's data (§8.3.4 integrity against a changed field).
 *
 * Created from config by the composition root and passed where needed: no module-level key.
 */
export class FieldCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentKeyId: string;
  private readonly fingerprintKey: Buffer;

  /** @param encryptionKey base64 of 32 bytes; @param previousKeys keys still accepted for reading. */
  constructor(encryptionKey: string, previousKeys: readonly string[] = []) {
    this.currentKeyId = this.addKey(encryptionKey);
    for (const key of previousKeys) this.addKey(key);
    this.fingerprintKey = derive(rawKey(encryptionKey), 'storeops/field-fingerprint/v1');
  }

  static fromConfig(config: Pick<Config, 'PII_ENCRYPTION_KEY'>): FieldCipher {
    return new FieldCipher(config.PII_ENCRYPTION_KEY);
  }

  encrypt(plain: string, context: string): string {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    return `${FORMAT}.${this.currentKeyId}.${sealed}`;
  }

  decrypt(stored: string, context: string): string {
    const [format, keyId, sealed, ...rest] = stored.split('.');
    if (format !== FORMAT || !keyId || sealed === undefined || rest.length > 0)
      throw new FieldCipherError('not a field ciphertext');
    const key = this.keys.get(keyId);
    if (!key) throw new FieldCipherError(`no decryption key with id ${keyId} is configured`);
    const buffer = Buffer.from(sealed, 'base64url');
    if (buffer.length < IV_BYTES + TAG_BYTES) throw new FieldCipherError('field ciphertext is too short');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, buffer.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(buffer.subarray(buffer.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(buffer.subarray(IV_BYTES, buffer.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      // GCM refuses a wrong key, a wrong context or an altered value alike.
      throw new FieldCipherError('field ciphertext does not authenticate (altered, or moved from another field)');
    }
  }

  /**
   * A keyed hash (HMAC-SHA256) of a value: refers to personal data without revealing it,
   * e.g. in the audit trail or a rate-limit key. Unlike a plain hash, it cannot be
   * reversed by hashing guessed e-mail addresses. Fingerprints change when the key rotates.
   */
  fingerprint(value: string): string {
    return createHmac('sha256', this.fingerprintKey).update(value, 'utf8').digest('hex').slice(0, 32);
  }

  private addKey(base64Key: string): string {
    const key = derive(rawKey(base64Key), 'storeops/field-cipher/v1');
    const keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
    this.keys.set(keyId, key);
    return keyId;
  }
}

function rawKey(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new FieldCipherError('personal-data encryption key must be 32 bytes (base64)');
  return key;
}

function derive(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), purpose, 32));
}
