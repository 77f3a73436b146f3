import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { appendAuditEvent, type AuditEventInput } from '../../db/audit-trail';
import { Account, normaliseEmail, type ContactDetails } from '../../db/entities/account.entity';
import type { FieldCipher } from '../../db/field-cipher';
import { ConflictError } from '../../domain/errors';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { IssuedToken, TokenSigner } from '../auth/tokens';

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  ip: string;
  requestId: string;
}

export interface AccountServices {
  cipher: FieldCipher;
  signer: TokenSigner;
}

/** Login failed; deliberately says nothing about whether the e-mail or the password was wrong. */
export class BadCredentialsError extends Error {
  override readonly name = 'BadCredentialsError';
}

function actorOf(account: Account): AuditEventInput['actor'] {
  return { sub: account.id, role: account.role };
}

/**
 * Signs a consumer up (T/QGCML 3125 §8.3.1): the account, its encrypted contact details and
 * the audit event commit together. A taken e-mail is a ConflictError (409).
 */
export async function registerConsumer(
  em: EntityManager,
  services: AccountServices,
  input: { email: string; password: string; contact: ContactDetails },
  origin: RequestOrigin,
): Promise<{ account: Account; token: IssuedToken }> {
  const conflict = new ConflictError('An account with this e-mail already exists.');
  if (await em.getRepository(Account).findByEmail(input.email)) throw conflict;
  const passwordHash = await hashPassword(input.password);
  const account = Account.register({ email: input.email, passwordHash, contact: input.contact }, services.cipher);
  try {
    await em.transactional(async (tx) => {
      tx.persist(account);
      await tx.flush();
      await appendAuditEvent(tx, {
        actor: actorOf(account),
        action: 'account.register',
        entity: 'account',
        entityId: account.id,
        outcome: 'success',
        ...origin,
      });
    });
  } catch (error) {
    // Two sign-ups with one e-mail at once: the unique index decides, the loser gets 409.
    if (error instanceof UniqueConstraintViolationException) throw conflict;
    throw error;
  }
  return { account, token: services.signer.sign({ sub: account.id, role: account.role }) };
}

/**
 * Checks a consumer's credentials and issues a token. Success and failure are both
 * audited (§8.3.5); a failure for an unknown e-mail names it only by its keyed
 * fingerprint, never in clear text.
 */
export async function logIn(
  em: EntityManager,
  services: AccountServices,
  credentials: { email: string; password: string },
  origin: RequestOrigin,
): Promise<IssuedToken> {
  const account = await em.getRepository(Account).findByEmail(credentials.email);
  const valid = await verifyPassword(account?.passwordHash, credentials.password);
  const entityId = account?.id ?? `unknown-email:${services.cipher.fingerprint(normaliseEmail(credentials.email))}`;
  await em.transactional((tx) =>
    appendAuditEvent(tx, {
      // Only a successful login identifies the caller; a failed one is anonymous, whoever it claimed to be.
      actor: account && valid ? actorOf(account) : { sub: 'anonymous', role: 'anonymous' },
      action: 'auth.login',
      entity: 'account',
      entityId,
      outcome: valid ? 'success' : 'failure',
      ...origin,
    }),
  );
  if (!account || !valid) throw new BadCredentialsError('wrong e-mail or password');
  return services.signer.sign({ sub: account.id, role: account.role });
}
