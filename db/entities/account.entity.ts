import { Entity, EntityRepositoryType, Enum, Property } from '@mikro-orm/core';
import { consentsGiven, consentUses, normaliseObjections, type ConsentUse } from '../../domain/consent';
import type { FieldCipher } from '../field-cipher';
import { AccountRepository } from '../repositories/account.repository';
import { BaseEntity } from './base.entity';

/** A consumer's contact details, in clear text only in memory (T/QGCML 3125 §7.2). */
export interface ContactDetails {
  name: string;
  phone: string;
  address: string | null;
}

type ContactField = keyof ContactDetails;

/** Login names compare case-insensitively; stored lower-cased so the unique index agrees. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What the private constructor takes: the columns without a default (built by `Account.register`). */
type AccountFields = Pick<Account, 'email' | 'passwordHash'>;

/**
 * A consumer's account. The e-mail is stored as is because login looks it up; every other
 * contact detail is stored only as ciphertext (db/field-cipher.ts), bound to this account
 * and field, so a database dump or backup does not reveal them (§7.2, §8.3.3).
 */
@Entity({ tableName: 'account', repository: () => AccountRepository })
export class Account extends BaseEntity {
  declare [EntityRepositoryType]?: AccountRepository;

  @Property({ type: 'string', length: 16, default: 'consumer' }) role = 'consumer' as const;

  @Property({ type: 'text' }) nameCiphertext!: string;

  @Property({ type: 'text' }) phoneCiphertext!: string;

  @Property({ type: 'text', nullable: true }) addressCiphertext: string | null = null;

  /** The uses the consumer objected to; every other use is consented to (§7.2 default opt-out). */
  @Enum({ array: true, items: () => [...consentUses], default: [] }) consentObjections: ConsentUse[] = [];

  @Property({ type: 'string', length: 320, unique: true }) email!: string;

  /** argon2id, with its parameters and salt (api/auth/passwords.ts). */
  @Property({ type: 'text' }) passwordHash!: string;

  private constructor(fields: AccountFields) {
    super();
    Object.assign(this, fields);
  }

  static register(
    input: { email: string; passwordHash: string; contact: ContactDetails },
    cipher: FieldCipher,
  ): Account {
    const account = new Account({ email: normaliseEmail(input.email), passwordHash: input.passwordHash });
    account.correctContact(input.contact, cipher);
    return account;
  }

  contact(cipher: FieldCipher): ContactDetails {
    return {
      name: cipher.decrypt(this.nameCiphertext, this.contextOf('name')),
      phone: cipher.decrypt(this.phoneCiphertext, this.contextOf('phone')),
      address:
        this.addressCiphertext === null ? null : cipher.decrypt(this.addressCiphertext, this.contextOf('address')),
    };
  }

  /** Replaces the given fields (§7.2: consumers correct their personal data); returns which changed. */
  correctContact(changes: Partial<ContactDetails>, cipher: FieldCipher): ContactField[] {
    const changed: ContactField[] = [];
    if (changes.name !== undefined) {
      this.nameCiphertext = cipher.encrypt(changes.name, this.contextOf('name'));
      changed.push('name');
    }
    if (changes.phone !== undefined) {
      this.phoneCiphertext = cipher.encrypt(changes.phone, this.contextOf('phone'));
      changed.push('phone');
    }
    if (changes.address !== undefined) {
      this.addressCiphertext =
        changes.address === null ? null : cipher.encrypt(changes.address, this.contextOf('address'));
      changed.push('address');
    }
    return changed;
  }

  /** Sets the uses the consumer objects to (§7.2.3); all others are consented to. */
  objectTo(objections: readonly ConsentUse[]): void {
    this.consentObjections = normaliseObjections(objections);
  }

  consents(): Record<ConsentUse, boolean> {
    return consentsGiven(this.consentObjections);
  }

  private contextOf(field: ContactField): string {
    return `account:${this.id}:${field}`;
  }
}
