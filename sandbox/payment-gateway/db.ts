import { sandboxSchema } from '../shared/schema-db';

/** The gateway's ledger schema: its own, never the platform's tables. */
export const LEDGER_SCHEMA = 'payment_sandbox';

export const ledgerSchema = sandboxSchema(LEDGER_SCHEMA, [
  // One table for every movement: authorisations carry their state, captures their
  // refunded total; the children point at the authorisation (and refunds at the capture).
  `CREATE TABLE IF NOT EXISTS ${LEDGER_SCHEMA}.transactions (
     id text PRIMARY KEY,
     type text NOT NULL CHECK (type IN ('authorization', 'capture', 'void', 'refund', 'payout')),
     status text NOT NULL,
     amount bigint NOT NULL CHECK (amount >= 0),
     currency char(3) NOT NULL,
     reference text NOT NULL,
     authorization_id text REFERENCES ${LEDGER_SCHEMA}.transactions (id),
     capture_id text REFERENCES ${LEDGER_SCHEMA}.transactions (id),
     captured_amount bigint NOT NULL DEFAULT 0,
     refunded_amount bigint NOT NULL DEFAULT 0,
     decline_code text,
     message text,
     reason text,
     beneficiary text,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
   )`,
  `CREATE INDEX IF NOT EXISTS transactions_reference_idx ON ${LEDGER_SCHEMA}.transactions (reference)`,
  `CREATE INDEX IF NOT EXISTS transactions_created_at_idx ON ${LEDGER_SCHEMA}.transactions (created_at)`,
  // A real gateway captures an authorisation once; the database holds that rule too.
  `CREATE UNIQUE INDEX IF NOT EXISTS transactions_one_capture_idx
     ON ${LEDGER_SCHEMA}.transactions (authorization_id) WHERE type = 'capture'`,
  `CREATE UNIQUE INDEX IF NOT EXISTS transactions_one_void_idx
     ON ${LEDGER_SCHEMA}.transactions (authorization_id) WHERE type = 'void'`,
  `CREATE TABLE IF NOT EXISTS ${LEDGER_SCHEMA}.idempotency_keys (
     key text PRIMARY KEY,
     request_hash text NOT NULL,
     response_status integer NOT NULL,
     response_body jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp()
   )`,
]);
