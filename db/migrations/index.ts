import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127170000 } from './Migration20261127170000_holiday_year_version';
import { Migration20261127171000 } from './Migration20261127171000_complaints';
import { Migration20261127173000 } from './Migration20261127173000_returns';
import { Migration20261127174000 } from './Migration20261127174000_rate_limit_counter';
import { Migration20261127175000 } from './Migration20261127175000_order_terms_version';
import { Migration20261127176000 } from './Migration20261127176000_staff_user';
import { Migration20261127177000 } from './Migration20261127177000_staff_task';
import { Migration20261127178000 } from './Migration20261127178000_audit_pending';
import { Migration20261127180000 } from './Migration20261127180000_return_complaint_link';
import { Migration20261127181000 } from './Migration20261127181000_return_exchange';
import { Migration20261127182000 } from './Migration20261127182000_payment_settlement_date';
import { Migration20261127195000 } from './Migration20261127195000_order_process_started';
import { Migration20261127200000 } from './Migration20261127200000_return_complaint_process_started';
import { Migration20261128050000 } from './Migration20261128050000_return_complaint_idempotency_key';
import { Migration20261128080000 } from './Migration20261128080000_entity_defaults';
import { Migration20261124225554 } from './Migration20261124225554_payment_discrepancy';
import { Migration20261124225513 } from './Migration20261124225513_backup_drill';
import { Migration20261124225259 } from './Migration20261124225259_delivery_handover';
import { Migration20261124224744 } from './Migration20261124224744_orders';
import { Migration20261124222259 } from './Migration20261124222259_account';
import { Migration20261124222241 } from './Migration20261124222241_mail_delivery';
import { Migration20261124222232 } from './Migration20261124222232_catalog';
import { Migration20261124222022 } from './Migration20261124222022_service_commitment_version';
import { Migration20261124221900 } from './Migration20261124221900_audit_trail';
import { Migration20261124220534 } from './Migration20261124220534_stack_probe';

/**
 * Every migration, in order. Listed explicitly (not discovered on disk) so the same
 * list works from sources, from a build and inside a bundle. `npm run db:migration:create`
 * writes a new file and adds it here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261124220534_stack_probe', class: Migration20261124220534 },
  { name: 'Migration20261124221900_audit_trail', class: Migration20261124221900 },
  { name: 'Migration20261124222022_service_commitment_version', class: Migration20261124222022 },
  { name: 'Migration20261124222232_catalog', class: Migration20261124222232 },
  { name: 'Migration20261124222241_mail_delivery', class: Migration20261124222241 },
  { name: 'Migration20261124222259_account', class: Migration20261124222259 },
  { name: 'Migration20261124224744_orders', class: Migration20261124224744 },
  { name: 'Migration20261124225259_delivery_handover', class: Migration20261124225259 },
  { name: 'Migration20261124225513_backup_drill', class: Migration20261124225513 },
  { name: 'Migration20261124225554_payment_discrepancy', class: Migration20261124225554 },
  { name: 'Migration20261127170000_holiday_year_version', class: Migration20261127170000 },
  { name: 'Migration20261127171000_complaints', class: Migration20261127171000 },
  { name: 'Migration20261127173000_returns', class: Migration20261127173000 },
  { name: 'Migration20261127174000_rate_limit_counter', class: Migration20261127174000 },
  { name: 'Migration20261127175000_order_terms_version', class: Migration20261127175000 },
  { name: 'Migration20261127176000_staff_user', class: Migration20261127176000 },
  { name: 'Migration20261127177000_staff_task', class: Migration20261127177000 },
  { name: 'Migration20261127178000_audit_pending', class: Migration20261127178000 },
  { name: 'Migration20261127180000_return_complaint_link', class: Migration20261127180000 },
  { name: 'Migration20261127181000_return_exchange', class: Migration20261127181000 },
  { name: 'Migration20261127182000_payment_settlement_date', class: Migration20261127182000 },
  { name: 'Migration20261127195000_order_process_started', class: Migration20261127195000 },
  { name: 'Migration20261127200000_return_complaint_process_started', class: Migration20261127200000 },
  { name: 'Migration20261128050000_return_complaint_idempotency_key', class: Migration20261128050000 },
  { name: 'Migration20261128080000_entity_defaults', class: Migration20261128080000 },
];
