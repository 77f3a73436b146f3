import type { MailFailureKind } from '../../../db/entities/mail-delivery.entity';

/**
 * Whether a failed send can succeed when tried again, and a description of it safe to
 * store: SMTP replies often quote the recipient's address, so addresses are masked.
 */

export interface ClassifiedSendError {
  kind: MailFailureKind;
  /** e.g. "EENVELOPE 550: Recipient command failed: 550 mailbox <address> unavailable". */
  summary: string;
}

const MAX_SUMMARY = 500;
const ADDRESS = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g;

/** Replaces anything that looks like a mail address; error text may then be stored. */
export function maskAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}

export function describeFailure(text: string): string {
  const masked = maskAddresses(text).replace(/\s+/g, ' ').trim();
  return masked.length > MAX_SUMMARY ? `${masked.slice(0, MAX_SUMMARY - 1)}…` : masked;
}

/**
 * Classifies an error thrown by nodemailer (or the file transport):
 * - a 5xx reply (RFC 5321 §4.2.1: permanent negative completion) → permanent: the
 *   server refused this recipient or message and will again;
 * - authentication failures → transient even though they are 5xx: they are a
 *   configuration fault of ours, and once SMTP_URL is fixed the retries go through;
 * - 4xx replies, timeouts, refused connections, full disks → transient.
 */
export function classifySendError(error: unknown): ClassifiedSendError {
  const details = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof details?.code === 'string' ? details.code : undefined;
  const responseCode = typeof details?.responseCode === 'number' ? details.responseCode : undefined;
  const message = typeof details?.message === 'string' ? details.message : String(error);
  const permanent = code !== 'EAUTH' && responseCode !== undefined && responseCode >= 500 && responseCode < 600;
  const label = [code ?? 'Error', responseCode].filter((part) => part !== undefined).join(' ');
  return { kind: permanent ? 'permanent' : 'transient', summary: describeFailure(`${label}: ${message}`) };
}
