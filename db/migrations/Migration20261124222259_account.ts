import { Migration } from '@mikro-orm/migrations';

export class Migration20261124222259 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "account" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(320) not null, "password_hash" text not null, "role" varchar(16) not null default 'consumer', "name_ciphertext" text not null, "phone_ciphertext" text not null, "address_ciphertext" text null, "consent_objections" text[] not null default '{}', constraint "account_pkey" primary key ("id"));`);
    this.addSql(`alter table "account" add constraint "account_email_unique" unique ("email");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "account" cascade;`);
  }

}
