import { createHash } from 'node:crypto';
import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { MailDelivery, mailRecipientKinds } from '../../../db/entities/mail-delivery.entity';
import { NotFoundError } from '../../../domain/errors';
import { describeFailure, classifySendError } from './send-errors';
import { renderMail, type RenderedMail } from './templates';
import { messageIdFor, type MailAddress, type Mailer } from '../providers/mailer';
import type { RecipientRef, SendTemplatedMailInput } from './mail-input';

export type { RecipientRef, SendTemplatedMailInput } from './mail-input';

/** Looks the address up; null (or a NotFoundError) when there is no such recipient. */
export type ResolveRecipient = (ref: RecipientRef) => Promise<MailAddress | null>;

export interface MailActivityDeps {
  orm: MikroORM;
  mailer: Mailer;
  resolveRecipient: ResolveRecipient;
  clock?: () => Date;
}

export interface SendTemplatedMailResult {
  deliveryId: string;
  messageId: string;
  status: 'sent';
  attempts: number;
  sentAt: string;
  /** True when an earlier attempt had sent it and this call sent nothing. */
  alreadySent: boolean;
}

/** Failure types, so workflows and the Temporal UI can tell the causes apart. */
export const MAIL_FAILURES = {
  unknownTemplate: 'UnknownMailTemplateError',
  invalidData: 'InvalidMailDataError',
  invalidRequest: 'MailRequestInvalid',
  keyReused: 'MailIdempotencyKeyReused',
  recipientNotFound: 'MailRecipientNotFound',
  invalidAddress: 'MailAddressInvalid',
  rejected: 'MailRejected',
  transient: 'MailSendFailed',
} as const;

const requestSchema = z.object({
  idempotencyKey: z.string().min(1).max(255),
  purpose: z.string().min(1).max(64),
  recipient: z.object({ kind: z.enum(mailRecipientKinds), id: z.string().min(1).max(128) }),
});
// One address, no display name or header tricks: CR/LF and commas cannot pass.
const addressSchema = z.email({ pattern: z.regexes.unicodeEmail });

type Outcome = { ok: true; delivery: MailDelivery; alreadySent: boolean } | { ok: false; failure: ApplicationFailure };

export function createMailActivities({ orm, mailer, resolveRecipient, clock = () => new Date() }: MailActivityDeps) {
  /** Resolves, validates and sends, recording the attempt on the locked record. */
  async function attempt(
    delivery: MailDelivery,
    recipient: RecipientRef,
    address: MailAddress | null,
    mail: RenderedMail,
  ): Promise<Outcome> {
    const fail = (kind: 'permanent' | 'transient', type: string, message: string): Outcome => {
      delivery.markFailed(kind, describeFailure(message));
      const failure =
        kind === 'permanent'
          ? ApplicationFailure.nonRetryable(message, type)
          : ApplicationFailure.retryable(message, type);
      return { ok: false, failure };
    };
    const ref = `${recipient.kind} ${recipient.id}`;

    if (!address) {
      delivery.beginAttempt(null);
      return fail('permanent', MAIL_FAILURES.recipientNotFound, `mail recipient ${ref} was not found`);
    }
    const normalised = address.address.trim();
    delivery.beginAttempt(sha256(normalised.toLowerCase()));
    if (!addressSchema.safeParse(normalised).success)
      return fail('permanent', MAIL_FAILURES.invalidAddress, `mail recipient ${ref} has no valid mail address`);

    try {
      const sent = await mailer.send({
        to: { address: normalised, name: address.name },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdFor(delivery.idempotencyKey, mailer.from),
        headers: { 'X-StoreOps-Mail-Purpose': delivery.purpose },
      });
      delivery.markSent(sent.messageId, clock());
      return { ok: true, delivery, alreadySent: false };
    } catch (error) {
      const { kind, summary } = classifySendError(error);
      const type = kind === 'permanent' ? MAIL_FAILURES.rejected : MAIL_FAILURES.transient;
      return fail(kind, type, `mail to ${ref} failed (${kind}): ${summary}`);
    }
  }

  return {
    /**
     * Sends a templated mail exactly once per idempotency key. The key is claimed in
     * Postgres first and its record locked while sending, so retries and concurrent
     * runs send one message; a sent key returns the stored result. The key is also the
     * Message-ID, so a re-send after a crash between send and record is recognisable.
     * Unknown template, bad data, unknown recipient, invalid address and 5xx refusals
     * are non-retryable; network trouble and 4xx replies are retryable.
     */
    async sendTemplatedMail(input: SendTemplatedMailInput): Promise<SendTemplatedMailResult> {
      const request = requestSchema.safeParse(input);
      if (!request.success)
        throw ApplicationFailure.nonRetryable(
          `invalid mail request: ${request.error.issues.map((i) => i.path.join('.')).join(', ')}`,
          MAIL_FAILURES.invalidRequest,
        );
      const { idempotencyKey, purpose, recipient } = request.data;
      let mail: RenderedMail;
      try {
        mail = renderMail(purpose, input.data);
      } catch (error) {
        // Unknown template or data that does not fit it: no retry can change either.
        throw ApplicationFailure.nonRetryable((error as Error).message, (error as Error).name);
      }

      // Looked up before the record is locked: inside the transaction the lookup would need
      // a second pooled connection, and a burst of mails would hold every connection while
      // each waited for one more (the pool's deadlock, issue 10 defect 1).
      const address = await lookUp(resolveRecipient, recipient);
      const em = orm.em.fork();
      await em.getRepository(MailDelivery).claim({
        idempotencyKey,
        purpose,
        recipientKind: recipient.kind,
        recipientId: recipient.id,
      });
      const outcome = await em.transactional(async (tx): Promise<Outcome> => {
        const delivery = await tx.getRepository(MailDelivery).lockByKey(idempotencyKey);
        if (!delivery) throw new Error(`mail delivery ${idempotencyKey} vanished after its claim`);
        if (!delivery.matches(purpose, recipient.kind, recipient.id)) {
          const message = `idempotency key ${idempotencyKey} was already used for another mail (purpose or recipient differ)`;
          return { ok: false, failure: ApplicationFailure.nonRetryable(message, MAIL_FAILURES.keyReused) };
        }
        if (delivery.status === 'sent') return { ok: true, delivery, alreadySent: true };
        return attempt(delivery, recipient, address, mail);
      });

      if (!outcome.ok) {
        log.warn('mail not sent', { idempotencyKey, purpose, type: outcome.failure.type });
        throw outcome.failure;
      }
      const { delivery, alreadySent } = outcome;
      log.info(alreadySent ? 'mail already sent' : 'mail sent', {
        idempotencyKey,
        purpose,
        attempts: delivery.attempts,
      });
      return {
        deliveryId: delivery.id,
        messageId: delivery.providerMessageId!,
        status: 'sent',
        attempts: delivery.attempts,
        sentAt: delivery.sentAt!.toISOString(),
        alreadySent,
      };
    },
  };
}

async function lookUp(resolve: ResolveRecipient, ref: RecipientRef): Promise<MailAddress | null> {
  try {
    return await resolve(ref);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
