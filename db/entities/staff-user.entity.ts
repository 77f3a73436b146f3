import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { normaliseEmail } from './account.entity';

/** The platform's own people who sign in to the console (T/QGCML 3125 §8.3.1, §8.3.2). */
export const consoleRoles = ['staff', 'ops', 'auditor'] as const;
export type ConsoleRole = (typeof consoleRoles)[number];

/**
 * A staff, ops or auditor account of the console, created by `npm run user:create`. The
 * password is kept only as an argon2id hash, like consumers' (api/auth/passwords.ts).
 */
export class StaffUser extends BaseEntity {
  disabled = false;
  lastLoginAt: Date | null = null;

  constructor(
    public email: string,
    public role: ConsoleRole,
    public passwordHash: string,
  ) {
    super();
    this.email = normaliseEmail(email);
  }
}

export const StaffUserSchema = new EntitySchema<StaffUser, BaseEntity>({
  class: StaffUser,
  extends: BaseEntitySchema,
  tableName: 'staff_user',
  properties: {
    email: { type: 'string', length: 320, unique: true },
    role: { type: 'string', length: 16 },
    passwordHash: { type: 'text' },
    disabled: { type: 'boolean', default: false },
    lastLoginAt: { type: 'datetime', nullable: true },
  },
});
