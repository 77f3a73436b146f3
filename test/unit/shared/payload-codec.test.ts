import { randomBytes } from 'node:crypto';
import { DefaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../../temporal/payload-codec';

const key = () => randomBytes(32).toString('base64');
const converter = new DefaultPayloadConverter();

// T/QGCML 3125 §7.2, §8.3.3: nothing in workflow history is readable without the key.
describe('AES-256-GCM payload codec', () => {
  const input = { orderId: 'o-1', shippingAddress: { name: '张三', phone: '13800000000' } };

  it('encrypts so that no plaintext of the value remains, and decrypts it back', async () => {
    const codec = new AesGcmPayloadCodec(key());
    const [encoded] = await codec.encode([converter.toPayload(input)]);

    const stored = Buffer.from(encoded!.data!).toString('latin1');
    expect(stored).not.toContain('13800000000');
    expect(stored).not.toContain('orderId');
    expect(Buffer.from(encoded!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    const [decoded] = await codec.decode([encoded!]);
    expect(converter.fromPayload(decoded!)).toEqual(input);
  });

  it('still reads payloads written with a previous key after the key rotates', async () => {
    const oldKey = key();
    const [written] = await new AesGcmPayloadCodec(oldKey).encode([converter.toPayload(input)]);

    const rotated = new AesGcmPayloadCodec(key(), [oldKey]);
    const [decoded] = await rotated.decode([written!]);
    expect(converter.fromPayload(decoded!)).toEqual(input);
  });

  it('refuses to decode with an unknown key, and detects tampering', async () => {
    const [written] = await new AesGcmPayloadCodec(key()).encode([converter.toPayload(input)]);
    await expect(new AesGcmPayloadCodec(key()).decode([written!])).rejects.toThrow(/no decryption key/);

    const codec = new AesGcmPayloadCodec(key());
    const [sealed] = await codec.encode([converter.toPayload(input)]);
    const tampered = Buffer.from(sealed!.data!);
    tampered[20] = tampered[20]! ^ 0xff;
    await expect(codec.decode([{ ...sealed!, data: tampered }])).rejects.toThrow();
  });

  it('passes through payloads it did not encrypt', async () => {
    const plain = converter.toPayload('hello');
    const [decoded] = await new AesGcmPayloadCodec(key()).decode([plain!]);
    expect(decoded).toBe(plain);
  });
});
