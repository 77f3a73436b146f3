import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Id and timestamps every table has (docs/architecture.md "Database"). */
@Entity({ abstract: true })
export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();

  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
