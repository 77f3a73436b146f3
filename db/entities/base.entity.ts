import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Copies only `columns` of `fields` onto an abstract base's instance. A base assigns its own
 * columns only: a subclass's keys would pass through the ORM's property setters before the
 * subclass's field declarations run and reset them (ES2022 class fields), so the subclass
 * assigns those itself. `fields` is missing when MikroORM builds a bare instance to read the
 * columns' defaults (docs/architecture.md "Database").
 */
export function assignOwnColumns<T, K extends keyof T>(entity: T, fields: Pick<T, K>, columns: readonly K[]): void {
  if (fields) for (const column of columns) entity[column] = fields[column];
}

/** Id and timestamps every table has (docs/architecture.md "Database"). */
@Entity({ abstract: true })
export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();

  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
