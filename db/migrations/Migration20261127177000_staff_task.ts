import { Migration } from '@mikro-orm/migrations';

export class Migration20261127177000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "staff_task" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" varchar(32) not null, "subject_type" varchar(16) not null, "subject_id" varchar(64) not null, "reason" text not null, "opened_at" timestamptz not null, "due_at" timestamptz not null, "idempotency_key" varchar(200) not null, "status" varchar(8) not null, "done_at" timestamptz null, "done_by" varchar(64) null, "resolution" text null, constraint "staff_task_pkey" primary key ("id"));`);
    this.addSql(`alter table "staff_task" add constraint "staff_task_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "staff_task_status_due_at_index" on "staff_task" ("status", "due_at");`);
    this.addSql(`create index "staff_task_subject_type_subject_id_index" on "staff_task" ("subject_type", "subject_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "staff_task" cascade;`);
  }

}
