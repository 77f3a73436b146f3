import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../../../config/env';
import { repoRoot } from '../../../config/paths';

export interface MailAddress {
  address: string;
  name?: string;
}

export interface OutgoingMail {
  to: MailAddress;
  subject: string;
  text: string;
  html?: string;
  /** The full Message-ID header, `<…@…>`; see `messageIdFor`. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface MailSendResult {
  /** The Message-ID the message went out with. */
  messageId: string;
  /** Recipient addresses the server accepted (personal data: never log or return it). */
  accepted: string[];
}

/** Sends one message; throws nodemailer's errors (with `code`/`responseCode`) on failure. */
export interface Mailer {
  /** The sender (MAIL_FROM); its domain is the right-hand side of our Message-IDs. */
  readonly from: string;
  send(mail: OutgoingMail): Promise<MailSendResult>;
  close(): void;
}

export type MailerConfig = Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>;

export interface MailerOptions {
  /** SMTP timeouts in ms; a hung server must fail the attempt, not the activity's timeout. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
}

const DEFAULT_TIMEOUTS = { connection: 10_000, greeting: 10_000, socket: 30_000 };

/**
 * The mail provider from SMTP_URL: `smtp://` / `smtps://` (any SMTP server; query
 * parameters pass nodemailer options, e.g. `?tls.rejectUnauthorized=false`) or
 * `file:<dir>`, which writes each message as an RFC 822 `.eml` file (development,
 * default `file:var/mail`; relative to the repository root).
 */
export function createMailer(config: MailerConfig, options: MailerOptions = {}): Mailer {
  const url = config.SMTP_URL;
  if (/^smtps?:\/\//i.test(url)) return smtpMailer(config, { ...DEFAULT_TIMEOUTS, ...options.timeouts });
  if (url.startsWith('file:')) return fileMailer(config.MAIL_FROM, mailDirectory(url));
  throw new Error('SMTP_URL must start with smtp://, smtps:// or file:');
}

/** `file:var/mail` → <repo>/var/mail; `file:/abs/dir` and `file:///abs/dir` stay absolute. */
export function mailDirectory(fileUrl: string): string {
  if (fileUrl.startsWith('file://')) return fileURLToPath(fileUrl);
  return path.resolve(repoRoot, fileUrl.slice('file:'.length));
}

/**
 * A deterministic Message-ID for an idempotency key, so a message re-sent after a crash
 * between sending and recording carries the same id and receivers (and people) can see
 * it is the same message. Characters a msg-id may not hold are written as `=XX`.
 */
export function messageIdFor(idempotencyKey: string, mailFrom: string): string {
  const local = Array.from(Buffer.from(idempotencyKey, 'utf8'))
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_-]/.test(char) ? char : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `<${local}@${senderDomain(mailFrom)}>`;
}

function senderDomain(mailFrom: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom);
  return match?.[1] ?? 'storeops.local';
}

function toMailOptions(from: string, mail: OutgoingMail) {
  return {
    from,
    to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    // RFC 3834: auto-replies (vacation notices) must not answer system mail.
    headers: { 'Auto-Submitted': 'auto-generated', ...mail.headers },
  };
}

function addresses(list: Array<string | { address: string }> | undefined): string[] {
  return (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));
}

function smtpMailer(config: MailerConfig, timeouts: typeof DEFAULT_TIMEOUTS): Mailer {
  // Built from an SMTPTransport instance: createTransport({ url, … }) would drop every
  // option but the URL's, the timeouts included.
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url: config.SMTP_URL,
      connectionTimeout: timeouts.connection,
      greetingTimeout: timeouts.greeting,
      socketTimeout: timeouts.socket,
    }),
  );
  return {
    from: config.MAIL_FROM,
    async send(mail) {
      const info = await transport.sendMail(toMailOptions(config.MAIL_FROM, mail));
      return { messageId: info.messageId, accepted: addresses(info.accepted) };
    },
    close: () => transport.close(),
  };
}

function fileMailer(from: string, directory: string): Mailer {
  // CRLF line ends: the file is the message exactly as it would cross the wire.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    from,
    async send(mail) {
      const info = await transport.sendMail(toMailOptions(from, mail));
      await mkdir(directory, { recursive: true });
      // Named after the Message-ID, so a re-send replaces its file instead of adding one;
      // written under a temporary name first, so a reader never sees half a message.
      const file = path.join(directory, emlFileName(info.messageId));
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return { messageId: info.messageId, accepted: addresses(info.envelope.to) };
    },
    close: () => transport.close(),
  };
}

function emlFileName(messageId: string): string {
  const readable = messageId
    .replace(/^<|>$/g, '')
    .split('@')[0]!
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .slice(0, 80);
  const digest = createHash('sha256').update(messageId).digest('hex').slice(0, 12);
  return `${readable}-${digest}.eml`;
}
