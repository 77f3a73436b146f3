import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

/**
 * A carrier event the platform accepted, by the carrier's event id: the replay guard of
 * POST /webhooks/logistics/:provider. A second delivery of the same id finds this row and
 * has no second effect.
 */
@Entity({ tableName: 'logistics_webhook_event' })
@Unique({ properties: ['provider', 'eventId'] })
export class LogisticsWebhookEvent extends BaseEntity {
  @Property({ type: 'string', length: 32 }) provider!: string;

  @Property({ type: 'string', length: 100 }) eventId!: string;

  @Property({ type: 'string', length: 100 }) shipmentId!: string;

  @Property({ type: 'uuid' }) orderId!: string;

  @Property({ type: 'string', length: 32 }) type!: string;

  @Property({ type: 'datetime' }) occurredAt!: Date;

  /** Takes named fields: the columns without a default. */
  constructor(
    fields: Pick<LogisticsWebhookEvent, 'provider' | 'eventId' | 'shipmentId' | 'orderId' | 'type' | 'occurredAt'>,
  ) {
    super();
    Object.assign(this, fields);
  }
}
