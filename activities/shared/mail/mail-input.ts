import type { MailRecipientKind } from '../../../db/entities/mail-delivery.entity';
import type { MailPurpose, MailTemplateData } from './templates';

/** Who a mail is for, by reference: workflows never carry addresses (docs/architecture.md "Mail"). */
export interface RecipientRef {
  kind: MailRecipientKind;
  id: string;
}

/** What the mail activity needs to send one purpose's mail, its data typed by the template. */
export interface MailInputFor<P extends MailPurpose> {
  /** Once per key, whatever happens: `<workflowId>:<purpose>` unless the workflow needs more. */
  idempotencyKey: string;
  purpose: P;
  recipient: RecipientRef;
  data: MailTemplateData<P>;
}

/** One input shape per purpose, so a workflow gets the template's data type checked. */
export type SendTemplatedMailInput = { [P in MailPurpose]: MailInputFor<P> }[MailPurpose];

/**
 * What every per-process mail mapper answers, for one workflow: the purpose, its recipient
 * and the template's data, under the key `<workflowId>:<purpose>`, followed by
 * `:<occurrence>` where the workflow sends the same purpose more than once (a reminder per
 * step, a breach per obligation). The key is what keeps a retried activity to one message.
 */
export function mailInputsOf(workflowId: string) {
  return <P extends MailPurpose>(
    purpose: P,
    recipient: RecipientRef,
    data: MailTemplateData<P>,
    occurrence?: string | number,
  ): MailInputFor<P> => ({
    idempotencyKey: occurrence === undefined ? `${workflowId}:${purpose}` : `${workflowId}:${purpose}:${occurrence}`,
    purpose,
    recipient,
    data,
  });
}
