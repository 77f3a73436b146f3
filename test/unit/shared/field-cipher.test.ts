import { randomBytes } from 'node:crypto';
import { FieldCipher, FieldCipherError } from '../../../db/field-cipher';

const key = () => randomBytes(32).toString('base64');

describe('personal data encrypted at rest (T/QGCML 3125 §7.2, §8.3.3)', () => {
  const cipher = new FieldCipher(key());

  it('round-trips a value, and never stores it in clear text', () => {
    const sealed = cipher.encrypt('+86 138 0013 8000', 'account:a-1:phone');

    expect(sealed).toMatch(/^f1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('138');
    expect(cipher.decrypt(sealed, 'account:a-1:phone')).toBe('+86 138 0013 8000');
  });

  it('encrypts the same value differently each time (random IV), so equal values are not linkable', () => {
    expect(cipher.encrypt('Li Lei', 'ctx')).not.toBe(cipher.encrypt('Li Lei', 'ctx'));
  });

  it('refuses a ciphertext moved to another row or field (§8.3.4 a changed field)', () => {
    const phoneOfA = cipher.encrypt('+86 138 0013 8000', 'account:a-1:phone');

    expect(() => cipher.decrypt(phoneOfA, 'account:a-2:phone')).toThrow(FieldCipherError);
    expect(() => cipher.decrypt(phoneOfA, 'account:a-1:name')).toThrow(FieldCipherError);
  });

  it('refuses an altered ciphertext', () => {
    const sealed = cipher.encrypt('Li Lei', 'ctx');
    const body = Buffer.from(sealed.split('.')[2]!, 'base64url');
    body[14] = body[14]! ^ 1;
    const altered = `${sealed.split('.').slice(0, 2).join('.')}.${body.toString('base64url')}`;

    expect(() => cipher.decrypt(altered, 'ctx')).toThrow(FieldCipherError);
  });

  it('reads values sealed with a previous key after the key rotates, and names a missing key', () => {
    const oldKey = key();
    const sealedWithOld = new FieldCipher(oldKey).encrypt('Li Lei', 'ctx');

    expect(new FieldCipher(key(), [oldKey]).decrypt(sealedWithOld, 'ctx')).toBe('Li Lei');
    expect(() => new FieldCipher(key()).decrypt(sealedWithOld, 'ctx')).toThrow(/no decryption key/);
  });

  it('fingerprints a value with a key: stable for the same key, different for another, not the plain hash', () => {
    const other = new FieldCipher(key());

    expect(cipher.fingerprint('li@example.com')).toBe(cipher.fingerprint('li@example.com'));
    expect(cipher.fingerprint('li@example.com')).not.toBe(other.fingerprint('li@example.com'));
    expect(cipher.fingerprint('li@example.com')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new FieldCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
