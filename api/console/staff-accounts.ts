import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { appendAuditEvent } from '../../db/audit-trail';
import { normaliseEmail } from '../../db/entities/account.entity';
import { consoleRoles, StaffUser, type ConsoleRole } from '../../db/entities/staff-user.entity';
import { ConflictError } from '../../domain/errors';
import { hashPassword, verifyPassword } from '../auth/passwords';

export const staffUserInputSchema = z.object({
  email: z.email(),
  role: z.enum(consoleRoles),
  password: z.string().min(12, 'must be at least 12 characters').max(200),
});

/** Creates a console account (the CLI `npm run user:create`), audited with it in one transaction. */
export async function createStaffUser(
  em: EntityManager,
  input: z.infer<typeof staffUserInputSchema>,
  createdBy: string,
): Promise<StaffUser> {
  const user = new StaffUser({
    email: input.email,
    role: input.role,
    passwordHash: await hashPassword(input.password),
  });
  try {
    await em.transactional(async (tx) => {
      tx.persist(user);
      await tx.flush();
      await appendAuditEvent(tx, {
        actor: { sub: createdBy, role: 'system' },
        action: 'staff_user.create',
        entity: 'staff_user',
        entityId: user.id,
        details: { role: user.role },
        outcome: 'success',
      });
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new ConflictError(`a console account for ${user.email} already exists`);
    throw error;
  }
  return user;
}

const emailDigest = (email: string) => createHash('sha256').update(normaliseEmail(email)).digest('hex').slice(0, 16);

export interface StaffLogin {
  id: string;
  role: ConsoleRole;
}

/**
 * Checks a console login and audits it either way (T/QGCML 3125 §8.3.5): success under
 * the account, failure under a digest of the e-mail tried (never the password). Unknown e-mail and
 * wrong password take as long and answer alike.
 */
export async function authenticateStaff(
  em: EntityManager,
  input: { email: string; password: string },
  origin: { ip: string; requestId: string },
): Promise<StaffLogin | undefined> {
  const user = await em.findOne(StaffUser, { email: normaliseEmail(input.email) });
  const ok = (await verifyPassword(user?.passwordHash, input.password)) && user !== null && !user.disabled;
  await em.transactional(async (tx) => {
    if (ok && user) {
      user.lastLoginAt = new Date();
      tx.persist(user);
      await tx.flush();
    }
    await appendAuditEvent(tx, {
      actor: ok && user ? { sub: user.id, role: user.role } : { sub: 'anonymous', role: 'anonymous' },
      action: 'console.login',
      entity: 'staff_user',
      // A failed attempt names the e-mail tried only by its hash: no personal data in clear text.
      entityId: ok && user ? user.id : `email-sha256:${emailDigest(input.email)}`,
      outcome: ok ? 'success' : 'failure',
      ...origin,
    });
  });
  return ok && user ? { id: user.id, role: user.role } : undefined;
}
