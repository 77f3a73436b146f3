import { Migration } from '@mikro-orm/migrations';

export class Migration20261124225554 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "payment_discrepancy" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "settlement_date" varchar(10) not null, "kind" varchar(32) not null, "provider_transaction_id" varchar(255) not null, "reference" varchar(255) not null, "platform_amount" int null, "provider_amount" int null, constraint "payment_discrepancy_pkey" primary key ("id"));`);
    this.addSql(`alter table "payment_discrepancy" add constraint "payment_discrepancy_settlement_date_provider_tran_d55ca_unique" unique ("settlement_date", "provider_transaction_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payment_discrepancy" cascade;`);
  }

}
