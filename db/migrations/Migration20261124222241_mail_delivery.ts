import { Migration } from '@mikro-orm/migrations';

export class Migration20261124222241 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "mail_delivery" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "idempotency_key" varchar(255) not null, "purpose" varchar(64) not null, "recipient_kind" text check ("recipient_kind" in ('account', 'merchant', 'staff', 'ops')) not null, "recipient_id" varchar(128) not null, "status" text check ("status" in ('queued', 'sent', 'failed')) not null default 'queued', "attempts" int not null default 0, "recipient_address_hash" varchar(64) null, "provider_message_id" varchar(998) null, "last_error" text null, "failure_kind" text check ("failure_kind" in ('permanent', 'transient')) null, "sent_at" timestamptz null, constraint "mail_delivery_pkey" primary key ("id"), constraint mail_delivery_attempts_check check (attempts >= 0));`);
    this.addSql(`alter table "mail_delivery" add constraint "mail_delivery_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "mail_delivery_recipient_kind_recipient_id_created_at_index" on "mail_delivery" ("recipient_kind", "recipient_id", "created_at");`);
    this.addSql(`create index "mail_delivery_status_updated_at_index" on "mail_delivery" ("status", "updated_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mail_delivery" cascade;`);
  }

}
