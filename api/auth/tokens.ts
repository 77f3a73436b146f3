import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { z } from 'zod';
import { principalSchema, serviceSubjects, type Principal } from '../../domain/principal';

/**
 * A token's claims: the principal (sub, role, merchantId, carrierId) and its shop or carrier
 * exactly when the role has one, so ownership checks (api/auth/ownership.ts) never meet a
 * merchant without a shop, nor a consumer who claims one (T/QGCML 3125 §8.3.2).
 */
export const principalClaimsSchema = principalSchema.superRefine((claims, ctx) => {
  const owned = [
    ['merchantId', 'merchant'],
    ['carrierId', 'courier'],
  ] as const;
  for (const [claim, role] of owned) {
    if (claims.role === role && claims[claim] === undefined)
      ctx.addIssue({ code: 'custom', path: [claim], message: `a ${role} token must carry ${claim}` });
    if (claims.role !== role && claims[claim] !== undefined)
      ctx.addIssue({ code: 'custom', path: [claim], message: `only a ${role} token carries ${claim}` });
  }
});

/**
 * What a token opens (its `aud` claim). An API token opens the API; a codec token opens
 * only the codec endpoint the Temporal Web UI calls (api/codec/routes.ts), because the
 * dev UI publishes that endpoint, token and all, at its unauthenticated settings page.
 */
export const TOKEN_AUDIENCES = { api: 'storeops-api', codec: 'storeops-codec' } as const;
export type TokenAudience = keyof typeof TOKEN_AUDIENCES;

/** Why a bearer token was refused; callers answer 401 whatever the reason. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  constructor(
    readonly reason: 'malformed' | 'bad_signature' | 'expired' | 'bad_claims',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one way the API turns a bearer token into a principal (T/QGCML 3125 §8.3.1).
 * HS256 with AUTH_JWT_SECRET today; an external identity provider's JWKS verifier can
 * replace it at the composition root (api/app.ts) without touching a route.
 */
export interface TokenVerifier {
  /** The verified principal; throws InvalidTokenError for any token that must not pass. */
  verify(token: string): Promise<Principal>;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface TokenSigner {
  /** Signs a token for the principal, valid for `ttlSeconds` (default: the signer's). */
  sign(principal: Principal, ttlSeconds?: number): IssuedToken;
}

/** Longest a token may live: a development token for a working day, with margin. */
export const MAX_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
const ALGORITHM = 'HS256';

const reasonOf: Partial<Record<string, InvalidTokenError['reason']>> = {
  [TokenError.codes.expired]: 'expired',
  [TokenError.codes.invalidSignature]: 'bad_signature',
  [TokenError.codes.missingSignature]: 'bad_signature',
  [TokenError.codes.invalidAlgorithm]: 'bad_signature',
  [TokenError.codes.missingRequiredClaim]: 'bad_claims',
  [TokenError.codes.invalidClaimType]: 'bad_claims',
  [TokenError.codes.invalidClaimValue]: 'bad_claims',
};

/** What a client is told about a refused token: enough to fix its own mistake, no more. */
export function refusalDetail(error: InvalidTokenError): string {
  switch (error.reason) {
    case 'expired':
      return 'The bearer token has expired.';
    case 'bad_claims':
      return `The bearer token's claims are invalid: ${error.message}`;
    default:
      return 'The bearer token is invalid.';
  }
}

export function hs256Verifier(secret: string, audience: TokenAudience = 'api'): TokenVerifier {
  // Only HS256: a token announcing `none` or any other algorithm is refused before its
  // signature is even considered (no algorithm confusion). A token for another audience
  // (a codec token on the API) is refused like a bad claim.
  const verifyJwt = createVerifier({
    key: secret,
    algorithms: [ALGORITHM],
    requiredClaims: ['sub', 'role', 'exp', 'aud'],
    allowedAud: TOKEN_AUDIENCES[audience],
  });
  return {
    async verify(token) {
      let payload: unknown;
      try {
        payload = verifyJwt(token);
      } catch (error) {
        if (error instanceof TokenError)
          throw new InvalidTokenError(reasonOf[error.code] ?? 'malformed', error.message);
        throw error;
      }
      // Claims are input (T/QGCML 3125 §8.3.1): a validly signed token with a malformed
      // id or an unknown role is refused here, never by a query further in.
      const claims = principalClaimsSchema.safeParse(payload);
      if (!claims.success)
        throw new InvalidTokenError('bad_claims', claims.error.issues.map((issue) => issue.message).join('; '));
      return claims.data;
    },
  };
}

export interface SignerOptions {
  /** Lifetime when `sign` is not given one. */
  defaultTtlSeconds?: number;
  /** Milliseconds since the epoch; tests move it to mint expired tokens. */
  now?: () => number;
  /** What the tokens open (default: the API). */
  audience?: TokenAudience;
}

const ttlSchema = z.number().int().min(1).max(MAX_TOKEN_TTL_SECONDS);

export function hs256Signer(secret: string, options: SignerOptions = {}): TokenSigner {
  const { defaultTtlSeconds = 3600, now = Date.now, audience = 'api' } = options;
  // iat and exp are set here from `now` (the library keeps a given iat), so the clock is the caller's.
  const signJwt = createSigner({ key: secret, algorithm: ALGORITHM });
  return {
    sign(principal, ttlSeconds = defaultTtlSeconds) {
      const claims = principalClaimsSchema.parse(principal);
      const issuedAt = Math.floor(now() / 1000);
      const expiresAt = issuedAt + ttlSchema.parse(ttlSeconds);
      return {
        token: signJwt({ ...claims, aud: TOKEN_AUDIENCES[audience], iat: issuedAt, exp: expiresAt }),
        expiresAt: new Date(expiresAt * 1000),
      };
    },
  };
}

/**
 * The token the dev Temporal Web UI carries in its codec endpoint (set by `npm start`):
 * staff, for the codec audience only, so it opens the codec routes and nothing else.
 */
export function codecUiToken(secret: string): string {
  const signer = hs256Signer(secret, { audience: 'codec' });
  return signer.sign({ sub: serviceSubjects.temporalWebUi, role: 'staff' }, MAX_TOKEN_TTL_SECONDS).token;
}
