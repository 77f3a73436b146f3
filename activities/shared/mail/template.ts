import type { z } from 'zod';
import type { BilingualMail } from './compose';

/**
 * A mail template: the schema of the data it needs (only that: ids, amounts, deadlines,
 * never contact data) and how it writes the message in both languages. Workflows pass
 * the data through Temporal as plain JSON, so the activity validates it with `data`.
 */
export interface MailTemplate<Schema extends z.ZodType> {
  data: Schema;
  compose(data: z.output<Schema>): BilingualMail;
}

/** Identity function that keeps the schema's type, so `compose` gets typed data. */
export function defineTemplate<Schema extends z.ZodType>(template: MailTemplate<Schema>): MailTemplate<Schema> {
  return template;
}
