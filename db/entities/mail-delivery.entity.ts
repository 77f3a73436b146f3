import { Check, Entity, EntityRepositoryType, Enum, Index, Property } from '@mikro-orm/core';
import { MailDeliveryRepository } from '../repositories/mail-delivery.repository';
import { BaseEntity } from './base.entity';

export const mailDeliveryStatuses = ['queued', 'sent', 'failed'] as const;
export type MailDeliveryStatus = (typeof mailDeliveryStatuses)[number];

export const mailRecipientKinds = ['account', 'merchant', 'carrier', 'staff', 'ops', 'finance'] as const;
export type MailRecipientKind = (typeof mailRecipientKinds)[number];

export const mailFailureKinds = ['permanent', 'transient'] as const;
export type MailFailureKind = (typeof mailFailureKinds)[number];

/**
 * The record that a message was (or is being) sent, one per idempotency key, so each
 * mail goes out once even when its activity retries or runs twice (docs/architecture.md "Data and
 * security"). It names the recipient by reference (an account, a merchant…) and never
 * holds the address in clear: only its SHA-256, to tell later which address a message
 * went to without keeping one more copy of personal data (T/QGCML 3125 §7.2, §8.3.3).
 */
@Entity({ tableName: 'mail_delivery', repository: () => MailDeliveryRepository })
@Check({ name: 'mail_delivery_attempts_check', expression: 'attempts >= 0' })
@Index({ properties: ['recipientKind', 'recipientId', 'createdAt'] })
@Index({ properties: ['status', 'updatedAt'] })
export class MailDelivery extends BaseEntity {
  declare [EntityRepositoryType]?: MailDeliveryRepository;

  @Enum({ items: () => [...mailDeliveryStatuses] }) status: MailDeliveryStatus = 'queued';

  /** Send attempts made (a crash between sending and recording is not counted). */
  @Property({ type: 'integer' }) attempts = 0;

  /** SHA-256 (hex) of the lower-cased address of the last attempt. */
  @Property({ type: 'string', length: 64, nullable: true }) recipientAddressHash: string | null = null;

  @Property({ type: 'string', length: 998, nullable: true }) providerMessageId: string | null = null;

  /** Why the last attempt failed, addresses masked; null once sent. */
  @Property({ type: 'text', nullable: true }) lastError: string | null = null;

  @Enum({ items: () => [...mailFailureKinds], nullable: true }) failureKind: MailFailureKind | null = null;

  @Property({ type: 'datetime', nullable: true }) sentAt: Date | null = null;

  /** Usually `<workflowId>:<purpose>`; whatever the caller uses to mean "this message". */
  @Property({ type: 'string', length: 255, unique: true }) idempotencyKey!: string;

  /** The template's purpose name, e.g. `order_placed_merchant`. */
  @Property({ type: 'string', length: 64 }) purpose!: string;

  @Enum({ items: () => [...mailRecipientKinds] }) recipientKind!: MailRecipientKind;

  @Property({ type: 'string', length: 128 }) recipientId!: string;

  /** Takes named fields: the columns without a default. */
  constructor(fields: Pick<MailDelivery, 'idempotencyKey' | 'purpose' | 'recipientKind' | 'recipientId'>) {
    super();
    Object.assign(this, fields);
  }

  /** Whether this record was claimed for the same message (a reused key is a bug). */
  matches(purpose: string, recipientKind: MailRecipientKind, recipientId: string): boolean {
    return this.purpose === purpose && this.recipientKind === recipientKind && this.recipientId === recipientId;
  }

  beginAttempt(recipientAddressHash: string | null): void {
    if (this.status === 'sent') throw new Error('a sent mail is never sent again');
    this.attempts += 1;
    this.recipientAddressHash = recipientAddressHash;
  }

  markSent(providerMessageId: string, at: Date): void {
    this.status = 'sent';
    this.providerMessageId = providerMessageId;
    this.sentAt = at;
    this.lastError = null;
    this.failureKind = null;
  }

  markFailed(kind: MailFailureKind, error: string): void {
    this.status = 'failed';
    this.failureKind = kind;
    this.lastError = error;
  }
}
