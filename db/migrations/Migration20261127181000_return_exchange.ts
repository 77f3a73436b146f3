import { Migration } from '@mikro-orm/migrations';

// Exchanges (issue 11): the replacement ships through its own handover slip, one per
// return beside the order's own (NULLS NOT DISTINCT keeps one order slip per order); the
// return shows the replacement's handover and its outcome.
export class Migration20261127181000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "handover_slip" add column "return_id" uuid null;`);
    this.addSql(`alter table "handover_slip" drop constraint "handover_slip_order_id_unique";`);
    this.addSql(`alter table "handover_slip" add constraint "handover_slip_order_id_return_id_unique" unique nulls not distinct ("order_id", "return_id");`);
    this.addSql(`alter table "return_request" add column "replacement_handover_id" varchar(100) null, add column "replacement_outcome" varchar(32) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "return_request" drop column if exists "replacement_outcome", drop column if exists "replacement_handover_id";`);
    this.addSql(`delete from "handover_slip" where "return_id" is not null;`);
    this.addSql(`alter table "handover_slip" drop constraint if exists "handover_slip_order_id_return_id_unique";`);
    this.addSql(`alter table "handover_slip" add constraint "handover_slip_order_id_unique" unique ("order_id");`);
    this.addSql(`alter table "handover_slip" drop column if exists "return_id";`);
  }

}
