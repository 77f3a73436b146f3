import { Migration } from '@mikro-orm/migrations';

export class Migration20261124224744 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "customer_order" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "consumer_id" varchar(255) not null, "merchant_id" uuid not null, "status" varchar(32) not null default 'awaiting_confirmation', "cancel_reason" varchar(32) null, "goods_amount" int not null, "delivery_fee" int not null, "currency" varchar(3) not null, "shipping_address_ciphertext" text not null, "payment_method" varchar(32) not null, "payment_token" varchar(255) not null, "idempotency_key" varchar(255) not null, "request_hash" varchar(64) not null, "confirm_by" timestamptz null, "commitment_version" int null, "stock_reserved" boolean not null default true, constraint "customer_order_pkey" primary key ("id"));`);
    this.addSql(`create index "customer_order_merchant_id_created_at_index" on "customer_order" ("merchant_id", "created_at");`);
    this.addSql(`create index "customer_order_consumer_id_created_at_index" on "customer_order" ("consumer_id", "created_at");`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_consumer_id_idempotency_key_unique" unique ("consumer_id", "idempotency_key");`);

    this.addSql(`create table "order_event" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "order_id" uuid not null, "key" varchar(255) not null, "type" varchar(64) not null, "occurred_at" timestamptz not null, "details" jsonb not null, constraint "order_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "order_event" add constraint "order_event_order_id_key_unique" unique ("order_id", "key");`);

    this.addSql(`create table "order_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "order_id" uuid not null, "position" int not null, "product_id" uuid not null, "sku" varchar(255) not null, "name" varchar(255) not null, "unit_price" int not null, "quantity" int not null, constraint "order_item_pkey" primary key ("id"));`);
    this.addSql(`alter table "order_item" add constraint "order_item_order_id_position_unique" unique ("order_id", "position");`);

    this.addSql(`create table "payment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "subject_type" varchar(16) not null, "subject_id" uuid not null, "operation" varchar(16) not null, "amount" int not null, "currency" varchar(3) not null, "status" varchar(16) not null, "idempotency_key" varchar(255) not null, "provider_transaction_id" varchar(255) null, "decline_code" varchar(255) null, constraint "payment_pkey" primary key ("id"));`);
    this.addSql(`alter table "payment" add constraint "payment_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "payment_subject_type_subject_id_index" on "payment" ("subject_type", "subject_id");`);

    this.addSql(`create table "sla_breach" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "party" varchar(16) not null, "party_id" varchar(255) not null, "obligation" varchar(32) not null, "subject_id" varchar(255) not null, "due_at" timestamptz not null, "detected_at" timestamptz not null, constraint "sla_breach_pkey" primary key ("id"));`);
    this.addSql(`create index "sla_breach_party_party_id_detected_at_index" on "sla_breach" ("party", "party_id", "detected_at");`);
    this.addSql(`alter table "sla_breach" add constraint "sla_breach_obligation_subject_id_unique" unique ("obligation", "subject_id");`);

    this.addSql(`alter table "order_event" add constraint "order_event_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "order_item" add constraint "order_item_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "order_event" drop constraint "order_event_order_id_foreign";`);

    this.addSql(`alter table "order_item" drop constraint "order_item_order_id_foreign";`);

    this.addSql(`drop table if exists "customer_order" cascade;`);

    this.addSql(`drop table if exists "order_event" cascade;`);

    this.addSql(`drop table if exists "order_item" cascade;`);

    this.addSql(`drop table if exists "payment" cascade;`);

    this.addSql(`drop table if exists "sla_breach" cascade;`);
  }

}
