import { Migration } from '@mikro-orm/migrations';

/** Complaints, their threads, recovery claims and the recovery ledger (T/QGCML 3125 §4.8, §5.7); carrier mail. */
export class Migration20261127171000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "complaint" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "order_id" uuid not null, "consumer_id" varchar(255) not null, "merchant_id" uuid not null, "carrier_id" uuid null, "category" varchar(16) not null, "description" text not null, "desired_remedy" varchar(16) null, "party" varchar(16) not null, "status" varchar(32) not null, "commitment_version" int not null, "party_respond_by" timestamptz null, "first_response_by" timestamptz not null, "currency" varchar(3) not null, "party_responded_at" timestamptz null, "first_responded_at" timestamptz null, "escalated_at" timestamptz null, "proposal" jsonb null, "accepted_remedy" varchar(16) null, "compensation" jsonb null, "resolution" jsonb null, "reopen_by" timestamptz null, "staff_task" jsonb null, constraint "complaint_pkey" primary key ("id"));`);
    this.addSql(`create index "complaint_consumer_id_created_at_index" on "complaint" ("consumer_id", "created_at");`);
    this.addSql(`create index "complaint_merchant_id_created_at_index" on "complaint" ("merchant_id", "created_at");`);
    this.addSql(`create index "complaint_carrier_id_created_at_index" on "complaint" ("carrier_id", "created_at");`);
    this.addSql(`create index "complaint_order_id_index" on "complaint" ("order_id");`);

    this.addSql(`create table "complaint_message" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "complaint_id" uuid not null, "kind" varchar(16) not null, "author_role" varchar(16) not null, "author_id" varchar(255) not null, "body" text not null, "key" varchar(255) null, constraint "complaint_message_pkey" primary key ("id"));`);
    this.addSql(`create index "complaint_message_complaint_id_created_at_index" on "complaint_message" ("complaint_id", "created_at");`);
    this.addSql(`alter table "complaint_message" add constraint "complaint_message_key_unique" unique ("key");`);

    this.addSql(`create table "recovery_claim" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "complaint_id" uuid not null, "party" varchar(16) not null, "merchant_id" uuid null, "carrier_id" uuid null, "amount" int not null, "currency" varchar(3) not null, "reason" text not null, "due_at" timestamptz not null, "status" varchar(16) not null, "recovered" int not null, "written_off" int not null, "dispute" jsonb null, "closed_at" timestamptz null, constraint "recovery_claim_pkey" primary key ("id"));`);
    this.addSql(`alter table "recovery_claim" add constraint "recovery_claim_complaint_id_unique" unique ("complaint_id");`);
    this.addSql(`create index "recovery_claim_merchant_id_index" on "recovery_claim" ("merchant_id");`);
    this.addSql(`create index "recovery_claim_carrier_id_index" on "recovery_claim" ("carrier_id");`);
    this.addSql(`create index "recovery_claim_status_index" on "recovery_claim" ("status");`);

    this.addSql(`create table "recovery_ledger_entry" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "claim_id" uuid not null, "party" varchar(16) not null, "party_id" uuid not null, "kind" varchar(16) not null, "amount" int not null, "currency" varchar(3) not null, "by" varchar(255) not null, "key" varchar(255) not null, "method" varchar(32) null, "note" text null, constraint "recovery_ledger_entry_pkey" primary key ("id"), constraint recovery_ledger_entry_amount_check check (amount > 0));`);
    this.addSql(`alter table "recovery_ledger_entry" add constraint "recovery_ledger_entry_key_unique" unique ("key");`);
    this.addSql(`create index "recovery_ledger_entry_claim_id_created_at_index" on "recovery_ledger_entry" ("claim_id", "created_at");`);
    this.addSql(`create index "recovery_ledger_entry_party_party_id_index" on "recovery_ledger_entry" ("party", "party_id");`);

    // Complaint and recovery mail goes to carriers too (mail_delivery.recipient_kind).
    this.addSql(`alter table "mail_delivery" drop constraint if exists "mail_delivery_recipient_kind_check";`);
    this.addSql(`alter table "mail_delivery" add constraint "mail_delivery_recipient_kind_check" check ("recipient_kind" in ('account', 'merchant', 'carrier', 'staff', 'ops'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "mail_delivery" where "recipient_kind" = 'carrier';`);
    this.addSql(`alter table "mail_delivery" drop constraint if exists "mail_delivery_recipient_kind_check";`);
    this.addSql(`alter table "mail_delivery" add constraint "mail_delivery_recipient_kind_check" check ("recipient_kind" in ('account', 'merchant', 'staff', 'ops'));`);
    this.addSql(`drop table if exists "recovery_ledger_entry" cascade;`);
    this.addSql(`drop table if exists "recovery_claim" cascade;`);
    this.addSql(`drop table if exists "complaint_message" cascade;`);
    this.addSql(`drop table if exists "complaint" cascade;`);
  }

}
