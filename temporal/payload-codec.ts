import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const KEY_ID_KEY = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM payload codec: every payload Temporal stores (inputs, results, signals,
 * queries, failures' details) is encrypted, so no personal or business data sits in
 * workflow history in clear text (T/QGCML 3125 §7.2, §8.3.3). The key id travels in the
 * payload metadata, so an old key can stay readable while a new one encrypts.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys = new Map<string, Buffer>();

  /** @param encryptionKey base64 of 32 bytes; @param previousKeys still-readable keys. */
  constructor(encryptionKey: string, previousKeys: string[] = []) {
    this.currentKeyId = this.addKey(encryptionKey);
    for (const key of previousKeys) this.addKey(key);
  }

  private readonly currentKeyId: string;

  private addKey(base64Key: string): string {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32) throw new ValueError('payload encryption key must be 32 bytes (base64)');
    const keyId = keyIdOf(key);
    this.keys.set(keyId, key);
    return keyId;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    return payloads.map((payload) => ({
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCODING),
        [KEY_ID_KEY]: Buffer.from(this.currentKeyId),
      },
      data: encrypt(temporal.api.common.v1.Payload.encode(payload).finish(), key),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (Buffer.from(payload.metadata?.[METADATA_ENCODING_KEY] ?? []).toString() !== ENCODING) return payload;
      const keyId = Buffer.from(payload.metadata?.[KEY_ID_KEY] ?? []).toString();
      const key = this.keys.get(keyId);
      if (!key) throw new ValueError(`no decryption key with id ${keyId || '(none)'} is configured`);
      if (!payload.data) throw new ValueError('encrypted payload has no data');
      return temporal.api.common.v1.Payload.decode(decrypt(payload.data, key));
    });
  }
}

/** A key's id: a short hash of it, so the id reveals nothing and needs no registry. */
function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function encrypt(plain: Uint8Array, key: Buffer): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(sealed: Uint8Array, key: Buffer): Uint8Array {
  const buffer = Buffer.from(sealed);
  if (buffer.length < IV_BYTES + TAG_BYTES) throw new ValueError('encrypted payload is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, buffer.subarray(0, IV_BYTES));
  decipher.setAuthTag(buffer.subarray(buffer.length - TAG_BYTES));
  return Buffer.concat([decipher.update(buffer.subarray(IV_BYTES, buffer.length - TAG_BYTES)), decipher.final()]);
}
