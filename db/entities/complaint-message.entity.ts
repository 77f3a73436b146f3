import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { Role } from '../../domain/principal';
import { BaseEntity } from './base.entity';

export type ComplaintMessageKind = 'message' | 'response' | 'staff_contact' | 'event';

/**
 * One entry of a complaint's thread (§5.7 listen and communicate): what the consumer, the
 * party or staff wrote, and the process's own events. `key` makes a retried write a no-op.
 */
@Entity({ tableName: 'complaint_message' })
@Unique({ properties: ['key'] })
@Index({ properties: ['complaintId', 'createdAt'] })
export class ComplaintMessage extends BaseEntity {
  @Property({ type: 'uuid' }) complaintId!: string;

  @Property({ type: 'string', length: 16 }) kind!: ComplaintMessageKind;

  @Property({ type: 'string', length: 16 }) authorRole!: Role | 'system';

  @Property({ type: 'string' }) authorId!: string;

  @Property({ type: 'text' }) body!: string;

  @Property({ type: 'string', nullable: true }) key: string | null = null;

  /** Takes named fields: the columns without a default, and `key` for a write that may be retried. */
  constructor(
    fields: Pick<ComplaintMessage, 'complaintId' | 'kind' | 'authorRole' | 'authorId' | 'body'> &
      Partial<Pick<ComplaintMessage, 'key'>>,
  ) {
    super();
    Object.assign(this, fields);
  }
}
