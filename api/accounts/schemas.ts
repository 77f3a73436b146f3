import { z } from 'zod';
import { consentUses, consentUseSchema } from '../../domain/consent';

/** The contract of /auth and /me: request and response shapes, apart from the handlers. */

export const emailSchema = z.email().max(320);
const name = z.string().trim().min(1).max(200);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'must be a phone number: digits, spaces, ( ) - and an optional leading +');
const address = z.string().trim().min(1).max(500);

export const registrationSchema = z.object({
  email: emailSchema,
  password: z.string().min(10, 'must be at least 10 characters').max(256),
  name,
  phone,
  address: address.optional(),
});

export const credentialsSchema = z.object({
  email: emailSchema,
  // No length rule here: a login must not hint at what a valid password looks like.
  password: z.string().min(1).max(256),
});

export const issuedTokenSchema = z
  .object({ token: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'IssuedToken' });

export const registeredSchema = issuedTokenSchema.extend({ id: z.uuid() });

export const consentsSchema = z
  .object({
    /** Every use and whether the consumer consents to it (default opt-out: yes unless objected). */
    consents: z.object(
      Object.fromEntries(consentUses.map((use) => [use, z.boolean()])) as Record<
        (typeof consentUses)[number],
        z.ZodBoolean
      >,
    ),
    objections: z.array(consentUseSchema),
  })
  .meta({ id: 'Consents' });

export const consentObjectionsSchema = z.object({
  objections: z
    .array(consentUseSchema)
    .max(consentUses.length)
    .refine((uses) => new Set(uses).size === uses.length, 'must not repeat a use'),
});

export const myAccountSchema = consentsSchema
  .extend({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    phone: z.string(),
    address: z.string().nullable(),
  })
  .meta({ id: 'MyAccount' });

export const contactCorrectionSchema = z
  .object({ name: name.optional(), phone: phone.optional(), address: address.nullable().optional() })
  .strict()
  .refine(
    (changes) => Object.values(changes).some((value) => value !== undefined),
    'must name at least one field to correct',
  );
