import { EntityRepositoryType, EntitySchema } from '@mikro-orm/core';
import { MailDeliveryRepository } from '../repositories/mail-delivery.repository';
import { BaseEntity, BaseEntitySchema } from './base.entity';

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
export class MailDelivery extends BaseEntity {
  declare [EntityRepositoryType]?: MailDeliveryRepository;

  status: MailDeliveryStatus = 'queued';
  /** Send attempts made (a crash between sending and recording is not counted). */
  attempts = 0;
  /** SHA-256 (hex) of the lower-cased address of the last attempt. */
  recipientAddressHash: string | null = null;
  providerMessageId: string | null = null;
  /** Why the last attempt failed, addresses masked; null once sent. */
  lastError: string | null = null;
  failureKind: MailFailureKind | null = null;
  sentAt: Date | null = null;

  constructor(
    /** Usually `<workflowId>:<purpose>`; whatever the caller uses to mean "this message". */
    public idempotencyKey: string,
    /** The template's purpose name, e.g. `order_placed_merchant`. */
    public purpose: string,
    public recipientKind: MailRecipientKind,
    public recipientId: string,
  ) {
    super();
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

export const MailDeliverySchema = new EntitySchema<MailDelivery, BaseEntity>({
  class: MailDelivery,
  extends: BaseEntitySchema,
  tableName: 'mail_delivery',
  repository: () => MailDeliveryRepository,
  checks: [{ name: 'mail_delivery_attempts_check', expression: 'attempts >= 0' }],
  properties: {
    idempotencyKey: { type: 'string', length: 255, unique: true },
    purpose: { type: 'string', length: 64 },
    recipientKind: { enum: true, items: () => [...mailRecipientKinds] },
    recipientId: { type: 'string', length: 128 },
    status: { enum: true, items: () => [...mailDeliveryStatuses] },
    attempts: { type: 'integer' },
    recipientAddressHash: { type: 'string', length: 64, nullable: true },
    providerMessageId: { type: 'string', length: 998, nullable: true },
    lastError: { type: 'text', nullable: true },
    failureKind: { enum: true, items: () => [...mailFailureKinds], nullable: true },
    sentAt: { type: 'datetime', nullable: true },
  },
  indexes: [{ properties: ['recipientKind', 'recipientId', 'createdAt'] }, { properties: ['status', 'updatedAt'] }],
});
