import { createHmac, randomBytes } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { hs256Signer, hs256Verifier, InvalidTokenError, TOKEN_AUDIENCES } from '../../../api/auth/tokens';
import type { Principal } from '../../../domain/principal';

const secret = randomBytes(32).toString('base64url');
const verifier = hs256Verifier(secret);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const staff: Principal = { sub: uuid(1), role: 'staff' };
const api = { aud: TOKEN_AUDIENCES.api };
const nowSeconds = () => Math.floor(Date.now() / 1000);

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token assembled by hand: any header, any claims, signed with any key. */
function handMade(header: object, claims: object, key = secret): string {
  const input = `${base64url(header)}.${base64url(claims)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

async function refusal(token: string): Promise<InvalidTokenError> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  return error as InvalidTokenError;
}

describe('bearer tokens: HS256 with AUTH_JWT_SECRET (T/QGCML 3125 §8.3.1 every user is identified)', () => {
  it('verifies a token it signed back to the same principal, with the expiry it announced', async () => {
    const merchant: Principal = { sub: uuid(7), role: 'merchant', merchantId: uuid(70) };
    const issued = hs256Signer(secret).sign(merchant, 600);

    await expect(verifier.verify(issued.token)).resolves.toEqual(merchant);
    expect(issued.expiresAt.getTime() / 1000).toBeGreaterThanOrEqual(nowSeconds() + 599);
    expect(issued.expiresAt.getTime() / 1000).toBeLessThanOrEqual(nowSeconds() + 600);
  });

  it('refuses a token signed with another secret (forged signature)', async () => {
    const forged = hs256Signer(randomBytes(32).toString('base64url')).sign(staff).token;

    expect((await refusal(forged)).reason).toBe('bad_signature');
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = hs256Signer(secret).sign(staff).token.split('.');
    const promoted = `${header}.${base64url({ ...staff, ...api, role: 'ops', exp: nowSeconds() + 60 })}.${signature}`;

    expect((await refusal(promoted)).reason).toBe('bad_signature');
  });

  it('refuses an expired token', async () => {
    const anHourAgo = () => Date.now() - 3600_000;
    const expired = hs256Signer(secret, { now: anHourAgo }).sign(staff, 60).token;

    expect((await refusal(expired)).reason).toBe('expired');
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...staff, ...api, exp: nowSeconds() + 60 })}.`;

    await refusal(unsigned);
  });

  it('refuses another algorithm even when signed with the right secret (HS512)', async () => {
    const hs512 = createSigner({ key: secret, algorithm: 'HS512' })({ ...staff, ...api, exp: nowSeconds() + 60 });

    expect((await refusal(hs512)).reason).toBe('bad_signature');
  });

  it('refuses a validly signed token without an expiry', async () => {
    const eternal = handMade({ alg: 'HS256', typ: 'JWT' }, { ...staff, ...api });

    expect((await refusal(eternal)).reason).toBe('bad_claims');
  });

  it.each([
    ['a merchant token without merchantId', { sub: uuid(1), role: 'merchant' }, /merchantId/],
    ['a courier token without carrierId', { sub: uuid(1), role: 'courier' }, /carrierId/],
    ['a consumer token claiming a shop', { sub: uuid(1), role: 'consumer', merchantId: uuid(2) }, /merchantId/],
    ['an unknown role', { sub: uuid(1), role: 'admin' }, /role must be one of/],
    ['an empty subject', { sub: '', role: 'staff' }, /sub must be an account id/],
    ['a subject that is not a UUID', { sub: 's-1', role: 'staff' }, /sub must be an account id/],
    ['a subject that is not a string', { sub: 42, role: 'staff' }, /sub/],
    ['a merchantId that is not a UUID', { sub: uuid(1), role: 'merchant', merchantId: "m-1' or 1=1" }, /merchantId/],
    ['a carrierId that is not a UUID', { sub: uuid(1), role: 'courier', carrierId: 'k-1' }, /carrierId/],
  ])('refuses %s (§8.3.1, §8.3.2 the claims ownership checks rely on)', async (_case, claims, says) => {
    const token = handMade({ alg: 'HS256', typ: 'JWT' }, { ...claims, ...api, exp: nowSeconds() + 60 });

    const refused = await refusal(token);
    expect(refused.reason).toBe('bad_claims');
    expect(refused.message).toMatch(says);
  });

  it('keeps API and codec tokens apart: each opens only its own audience', async () => {
    const codecToken = hs256Signer(secret, { audience: 'codec' }).sign(staff).token;
    const apiToken = hs256Signer(secret).sign(staff).token;

    expect((await refusal(codecToken)).reason).toBe('bad_claims');
    await expect(hs256Verifier(secret, 'codec').verify(codecToken)).resolves.toEqual(staff);
    await expect(hs256Verifier(secret, 'codec').verify(apiToken)).rejects.toBeInstanceOf(InvalidTokenError);
    // A token without any audience (as minted before audiences existed) opens nothing.
    expect((await refusal(handMade({ alg: 'HS256', typ: 'JWT' }, { ...staff, exp: nowSeconds() + 60 }))).reason).toBe(
      'bad_claims',
    );
  });

  it('will not sign a merchant token without merchantId, nor a courier token without carrierId', () => {
    const signer = hs256Signer(secret);

    expect(() => signer.sign({ sub: uuid(1), role: 'merchant' })).toThrow(/merchantId/);
    expect(() => signer.sign({ sub: uuid(1), role: 'courier' })).toThrow(/carrierId/);
    expect(() => signer.sign({ sub: 's-1', role: 'staff' })).toThrow(/UUID/);
  });

  it.each(['', 'not-a-jwt', 'a.b', 'a.b.c.d'])('refuses the malformed token %j', async (token) => {
    await refusal(token);
  });
});
