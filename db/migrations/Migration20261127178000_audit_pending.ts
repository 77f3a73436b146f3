import { Migration } from '@mikro-orm/migrations';

export class Migration20261127178000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_pending" ("position" bigserial primary key, "occurred_at" timestamptz(3) not null, "actor_sub" varchar(255) not null, "actor_role" varchar(32) not null, "action" varchar(255) not null, "entity" varchar(255) not null, "entity_id" varchar(255) not null, "outcome" varchar(16) not null, "ip" varchar(64) null, "request_id" varchar(128) null, "details" jsonb null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_pending" cascade;`);
  }

}
