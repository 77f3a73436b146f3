import { Migration } from '@mikro-orm/migrations';

// Returns, exchanges and refunds (issue 11): the request with its lines, and the finance
// mailbox as a mail recipient (refunds are reported to finance, T/QGCML 3125 §6.4).
export class Migration20261127173000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "return_request" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "order_id" uuid not null, "consumer_id" varchar(255) not null, "merchant_id" uuid not null, "kind" varchar(16) not null, "reason" varchar(32) not null, "currency" varchar(3) not null, "status" varchar(32) not null, "description" text null, "evidence" jsonb not null, "approve_by" timestamptz null, "commitment_version" int null, "decided_by" varchar(255) null, "decided_at" timestamptz null, "decision_note" text null, "reject_reason" text null, "return_address" text null, "carrier_id" uuid null, "provider" varchar(32) null, "shipment_id" varchar(100) null, "merchant_signature" jsonb null, "carrier_signature" jsonb null, "received_at" timestamptz null, "inspected_at" timestamptz null, "refund_goods_amount" int null, "refund_delivery_fee" int null, "refund_amount" int null, "refund_by" timestamptz null, "refunded_at" timestamptz null, "refund_transaction_id" varchar(255) null, "refund_pending_reason" text null, constraint "return_request_pkey" primary key ("id"));`);
    this.addSql(`create index "return_request_order_id_created_at_index" on "return_request" ("order_id", "created_at");`);
    this.addSql(`create index "return_request_consumer_id_created_at_index" on "return_request" ("consumer_id", "created_at");`);
    this.addSql(`create index "return_request_merchant_id_created_at_index" on "return_request" ("merchant_id", "created_at");`);
    this.addSql(`create index "return_request_carrier_id_created_at_index" on "return_request" ("carrier_id", "created_at");`);
    this.addSql(`create index "return_request_status_created_at_index" on "return_request" ("status", "created_at");`);
    this.addSql(`alter table "return_request" add constraint "return_request_provider_shipment_id_unique" unique ("provider", "shipment_id");`);

    this.addSql(`create table "return_line" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "return_request_id" uuid not null, "position" int not null, "product_id" uuid not null, "name" varchar(255) not null, "unit_price" int not null, "quantity" int not null, "received" int null, "accepted" int null, "condition" varchar(16) null, "note" text null, constraint "return_line_pkey" primary key ("id"));`);
    this.addSql(`alter table "return_line" add constraint "return_line_return_request_id_position_unique" unique ("return_request_id", "position");`);
    this.addSql(`alter table "return_line" add constraint "return_line_return_request_id_foreign" foreign key ("return_request_id") references "return_request" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "mail_delivery" drop constraint if exists "mail_delivery_recipient_kind_check";`);
    this.addSql(`alter table "mail_delivery" add constraint "mail_delivery_recipient_kind_check" check ("recipient_kind" in ('account', 'merchant', 'carrier', 'staff', 'ops', 'finance'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "return_line" cascade;`);
    this.addSql(`drop table if exists "return_request" cascade;`);
    this.addSql(`delete from "mail_delivery" where "recipient_kind" = 'finance';`);
    this.addSql(`alter table "mail_delivery" drop constraint if exists "mail_delivery_recipient_kind_check";`);
    this.addSql(`alter table "mail_delivery" add constraint "mail_delivery_recipient_kind_check" check ("recipient_kind" in ('account', 'merchant', 'carrier', 'staff', 'ops'));`);
  }

}
