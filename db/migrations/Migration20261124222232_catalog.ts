import { Migration } from '@mikro-orm/migrations';

// The catalog: merchants with their filed qualifications (T/QGCML 3125 §4.4), courier
// companies with their contract terms (§6.1, §6.2.2), and products with disclosed prices
// (§5.4). The CHECK constraints on product are the database's own guarantee that stock
// never goes below zero, even under concurrent orders (§5.3), and that no amount is negative.
export class Migration20261124222232 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "carrier" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "contact_email" varchar(320) not null, "contract_terms" jsonb not null, constraint "carrier_pkey" primary key ("id"));`);

    this.addSql(`create table "merchant" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "contact_email" varchar(320) not null, "qualifications" jsonb not null, "filed_at" timestamptz not null, "last_reviewed_at" timestamptz not null, "status" text check ("status" in ('active', 'suspended')) not null default 'active', constraint "merchant_pkey" primary key ("id"));`);
    this.addSql(`create index "merchant_name_index" on "merchant" ("name");`);

    this.addSql(`create table "product" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "merchant_id" uuid not null, "sku" varchar(64) not null, "name" varchar(200) not null, "pricing_type" text check ("pricing_type" in ('government_set', 'government_guided', 'market', 'negotiated', 'auction')) not null, "price" int not null, "currency" text check ("currency" in ('CNY')) not null default 'CNY', "delivery_fee" int not null, "price_updated_at" timestamptz not null, "origin" varchar(200) not null, "grade" varchar(100) not null, "spec" varchar(200) not null, "stock" int not null, "status" text check ("status" in ('on_sale', 'off_sale')) not null default 'on_sale', constraint "product_pkey" primary key ("id"), constraint product_stock_non_negative check (stock >= 0), constraint product_price_non_negative check (price >= 0), constraint product_delivery_fee_non_negative check (delivery_fee >= 0));`);
    this.addSql(`alter table "product" add constraint "product_merchant_sku_unique" unique ("merchant_id", "sku");`);

    this.addSql(`alter table "product" add constraint "product_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "product" cascade;`);

    this.addSql(`drop table if exists "carrier" cascade;`);

    this.addSql(`drop table if exists "merchant" cascade;`);
  }

}
