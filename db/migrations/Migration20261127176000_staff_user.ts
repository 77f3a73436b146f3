import { Migration } from '@mikro-orm/migrations';

/** Console accounts of staff, ops and auditors (T/QGCML 3125 §8.3.1). */
export class Migration20261127176000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "staff_user" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(320) not null, "role" varchar(16) not null, "password_hash" text not null, "disabled" boolean not null default false, "last_login_at" timestamptz null, constraint "staff_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "staff_user" add constraint "staff_user_email_unique" unique ("email");`);
    this.addSql(`alter table "staff_user" add constraint "staff_user_role_check" check ("role" in ('staff', 'ops', 'auditor'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "staff_user" cascade;`);
  }
}
