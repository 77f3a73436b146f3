import { Entity, Enum, Property } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { normaliseEmail } from './account.entity';

/** The platform's own people who sign in to the console (T/QGCML 3125 §8.3.1, §8.3.2). */
export const consoleRoles = ['staff', 'ops', 'auditor'] as const;
export type ConsoleRole = (typeof consoleRoles)[number];

/**
 * A staff, ops or auditor account of the console, created by `npm run user:create`. The
 * password is kept only as an argon2id hash, like consumers' (api/auth/passwords.ts).
 */
@Entity({ tableName: 'staff_user' })
export class StaffUser extends BaseEntity {
  @Property({ type: 'boolean', default: false }) disabled = false;

  @Property({ type: 'datetime', nullable: true }) lastLoginAt: Date | null = null;

  @Property({ type: 'string', length: 320, unique: true }) email: string;

  @Enum({ items: () => consoleRoles, columnType: 'varchar(16)' }) role!: ConsoleRole;

  @Property({ type: 'text' }) passwordHash!: string;

  /** Takes named fields: the columns without a default (the e-mail is normalised). */
  constructor(fields: Pick<StaffUser, 'email' | 'role' | 'passwordHash'>) {
    super();
    Object.assign(this, fields);
    this.email = normaliseEmail(fields.email);
  }
}
