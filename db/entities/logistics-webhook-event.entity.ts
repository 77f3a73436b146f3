import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * A carrier event the platform accepted, by the carrier's event id: the replay guard of
 * POST /webhooks/logistics/:provider. A second delivery of the same id finds this row and
 * has no second effect.
 */
export class LogisticsWebhookEvent extends BaseEntity {
  constructor(
    public provider: string,
    public eventId: string,
    public shipmentId: string,
    public orderId: string,
    public type: string,
    public occurredAt: Date,
  ) {
    super();
  }
}

export const LogisticsWebhookEventSchema = new EntitySchema<LogisticsWebhookEvent, BaseEntity>({
  class: LogisticsWebhookEvent,
  extends: BaseEntitySchema,
  tableName: 'logistics_webhook_event',
  uniques: [{ properties: ['provider', 'eventId'] }],
  properties: {
    provider: { type: 'string', length: 32 },
    eventId: { type: 'string', length: 100 },
    shipmentId: { type: 'string', length: 100 },
    orderId: { type: 'uuid' },
    type: { type: 'string', length: 32 },
    occurredAt: { type: 'datetime' },
  },
});
