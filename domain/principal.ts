import { z } from 'zod';

/** Who may act on the platform (README "Auth"; T/QGCML 3125 §8.3.1 every user is identified). */
export const roles = ['consumer', 'merchant', 'courier', 'staff', 'ops', 'auditor'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/**
 * The verified claims of a bearer token: the caller of a request. Every id is a UUID, as
 * the rows it names are: a claim is input like any other, and a malformed one must be
 * refused at the door, not by PostgreSQL deep inside a query (T/QGCML 3125 §8.3.1).
 */
export const principalSchema = z.object({
  sub: z.uuid({ error: 'sub must be an account id (a UUID)' }),
  role: z.enum(roles, { error: `role must be one of ${roles.join(', ')}` }),
  merchantId: z.uuid({ error: 'merchantId must be a merchant id (a UUID)' }).optional(),
  carrierId: z.uuid({ error: 'carrierId must be a carrier id (a UUID)' }).optional(),
});

/**
 * Callers that are programs, not people: fixed ids so their tokens pass the same checks
 * and their acts are attributed in the audit trail.
 */
export const serviceSubjects = {
  temporalWebUi: '7e3a0c52-5c1e-4d5f-9d0b-0000000c0dec',
  opsCli: '7e3a0c52-5c1e-4d5f-9d0b-00000000000b',
} as const;
export type Principal = z.infer<typeof principalSchema>;
