import { sandboxSchema } from '../shared/schema-db';

/** The carrier's own schema: never the platform's tables (ignored by the platform's migrations). */
export const CARRIER_SCHEMA = 'logistics_sandbox';

export const carrierSchema = sandboxSchema(CARRIER_SCHEMA, [
  // A booking is its idempotency key's: the same key books once, whatever the retries.
  `CREATE TABLE IF NOT EXISTS ${CARRIER_SCHEMA}.shipments (
     id text PRIMARY KEY,
     idempotency_key text NOT NULL UNIQUE,
     request_hash text NOT NULL,
     reference text NOT NULL,
     status text NOT NULL,
     pieces integer NOT NULL CHECK (pieces > 0),
     declared_value bigint NOT NULL CHECK (declared_value >= 0),
     currency char(3) NOT NULL,
     cod_amount bigint CHECK (cod_amount > 0),
     cod_remitted_amount bigint NOT NULL DEFAULT 0,
     recipient jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
   )`,
  `CREATE INDEX IF NOT EXISTS shipments_reference_idx ON ${CARRIER_SCHEMA}.shipments (reference)`,
  `CREATE TABLE IF NOT EXISTS ${CARRIER_SCHEMA}.events (
     id text PRIMARY KEY,
     shipment_id text NOT NULL REFERENCES ${CARRIER_SCHEMA}.shipments (id),
     type text NOT NULL,
     amount bigint,
     occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     delivery_attempts integer NOT NULL DEFAULT 0,
     delivered_at timestamptz,
     last_error text
   )`,
  `CREATE INDEX IF NOT EXISTS events_shipment_idx ON ${CARRIER_SCHEMA}.events (shipment_id, occurred_at)`,
]);
