import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '../../domain/principal';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export type ComplaintMessageKind = 'message' | 'response' | 'staff_contact' | 'event';

/**
 * One entry of a complaint's thread (§5.7 listen and communicate): what the consumer, the
 * party or staff wrote, and the process's own events. `key` makes a retried write a no-op.
 */
export class ComplaintMessage extends BaseEntity {
  constructor(
    public complaintId: string,
    public kind: ComplaintMessageKind,
    public authorRole: Role | 'system',
    public authorId: string,
    public body: string,
    public key: string | null = null,
  ) {
    super();
  }
}

export const ComplaintMessageSchema = new EntitySchema<ComplaintMessage, BaseEntity>({
  class: ComplaintMessage,
  extends: BaseEntitySchema,
  tableName: 'complaint_message',
  uniques: [{ properties: ['key'] }],
  indexes: [{ properties: ['complaintId', 'createdAt'] }],
  properties: {
    complaintId: { type: 'uuid' },
    kind: { type: 'string', length: 16 },
    authorRole: { type: 'string', length: 16 },
    authorId: { type: 'string' },
    body: { type: 'text' },
    key: { type: 'string', nullable: true },
  },
});
