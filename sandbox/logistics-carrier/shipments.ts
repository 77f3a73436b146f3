import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import { CARRIER_SCHEMA } from './db';
import type { BookShipmentBody, TrackingEventType, WebhookBody, WireShipment } from './schemas';

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

interface ShipmentRow {
  id: string;
  reference: string;
  status: WireShipment['status'];
  pieces: number;
  declared_value: string | number;
  currency: string;
  cod_amount: string | number | null;
  cod_remitted_amount: string | number;
  created_at: Date;
}

interface EventRow {
  id: string;
  shipment_id: string;
  type: TrackingEventType;
  amount: string | number | null;
  occurred_at: Date;
}

export const shipments = (db: Knex) => db.withSchema(CARRIER_SCHEMA).table('shipments');
export const events = (db: Knex) => db.withSchema(CARRIER_SCHEMA).table('events');

export function requestHash(body: BookShipmentBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export async function findShipment(db: Knex, id: string): Promise<WireShipment | undefined> {
  const row = (await shipments(db).where({ id }).first()) as ShipmentRow | undefined;
  if (!row) return undefined;
  const rows = (await events(db).where({ shipment_id: id }).orderBy('occurred_at')) as EventRow[];
  return toWire(row, rows);
}

function toWire(row: ShipmentRow, rows: EventRow[]): WireShipment {
  const money = (value: string | number) => ({ value: Number(value), currency: row.currency });
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    pieces: row.pieces,
    declaredValue: money(row.declared_value),
    cashOnDelivery: row.cod_amount === null ? null : money(row.cod_amount),
    codRemitted: money(row.cod_remitted_amount),
    events: rows.map((event) => ({
      id: event.id,
      type: event.type,
      amount: event.amount === null ? null : money(event.amount),
      occurredAt: event.occurred_at.toISOString(),
    })),
    createdAt: row.created_at.toISOString(),
  };
}

export function toWebhook(shipment: WireShipment, eventId: string): WebhookBody {
  const event = shipment.events.find((candidate) => candidate.id === eventId);
  if (!event) throw new Error(`event ${eventId} is not on shipment ${shipment.id}`);
  return {
    id: event.id,
    type: event.type,
    shipmentId: shipment.id,
    reference: shipment.reference,
    occurredAt: event.occurredAt,
    amount: event.amount,
  };
}
