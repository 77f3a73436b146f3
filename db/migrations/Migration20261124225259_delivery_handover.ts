import { Migration } from '@mikro-orm/migrations';

export class Migration20261124225259 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "handover_slip" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "order_id" uuid not null, "merchant_id" uuid not null, "carrier_id" uuid not null, "packages" jsonb not null, "item_count" int not null, "goods_value" int not null, "declared_value" int not null, "currency" varchar(3) not null, "cod_amount" int null, "recipient_ciphertext" text not null, "provider" varchar(32) not null, "merchant_signature" jsonb null, "carrier_signature" jsonb null, "handed_over_at" timestamptz null, "shipment_id" varchar(100) null, "delivered_at" timestamptz null, "cod_remitted_amount" int not null default 0, "cod_remitted_at" timestamptz null, constraint "handover_slip_pkey" primary key ("id"));`);
    this.addSql(`create index "handover_slip_merchant_id_created_at_index" on "handover_slip" ("merchant_id", "created_at");`);
    this.addSql(`create index "handover_slip_carrier_id_created_at_index" on "handover_slip" ("carrier_id", "created_at");`);
    this.addSql(`alter table "handover_slip" add constraint "handover_slip_order_id_unique" unique ("order_id");`);
    this.addSql(`alter table "handover_slip" add constraint "handover_slip_provider_shipment_id_unique" unique ("provider", "shipment_id");`);

    this.addSql(`create table "logistics_webhook_event" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "provider" varchar(32) not null, "event_id" varchar(100) not null, "shipment_id" varchar(100) not null, "order_id" uuid not null, "type" varchar(32) not null, "occurred_at" timestamptz not null, constraint "logistics_webhook_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "logistics_webhook_event" add constraint "logistics_webhook_event_provider_event_id_unique" unique ("provider", "event_id");`);

    this.addSql(`create table "reconciliation_discrepancy" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" varchar(32) not null, "order_id" uuid not null, "merchant_id" uuid not null, "carrier_id" uuid null, "slip_id" uuid null, "details" jsonb not null, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, constraint "reconciliation_discrepancy_pkey" primary key ("id"));`);
    this.addSql(`create index "reconciliation_discrepancy_last_seen_at_index" on "reconciliation_discrepancy" ("last_seen_at");`);
    this.addSql(`alter table "reconciliation_discrepancy" add constraint "reconciliation_discrepancy_kind_order_id_unique" unique ("kind", "order_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "handover_slip" cascade;`);

    this.addSql(`drop table if exists "logistics_webhook_event" cascade;`);

    this.addSql(`drop table if exists "reconciliation_discrepancy" cascade;`);
  }

}
