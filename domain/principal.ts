import { z } from 'zod';

/** Who may act on the platform (README "Auth"; T/QGCML 3125 §8.3.1 every user is identified). */
export const roles = ['consumer', 'merchant', 'courier', 'staff', 'ops', 'auditor'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** The verified claims of a bearer token: the caller of a request. */
export const principalSchema = z.object({
  sub: z.string().min(1),
  role: roleSchema,
  merchantId: z.string().min(1).optional(),
  carrierId: z.string().min(1).optional(),
});
export type Principal = z.infer<typeof principalSchema>;
