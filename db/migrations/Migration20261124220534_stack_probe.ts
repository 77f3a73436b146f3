import { Migration } from '@mikro-orm/migrations';

export class Migration20261124220534 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "stack_probe" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workflow_id" varchar(255) not null, "task_queue" varchar(255) not null, "requested_at" timestamptz not null, "worker_identity" varchar(255) not null, constraint "stack_probe_pkey" primary key ("id"));`);
    this.addSql(`alter table "stack_probe" add constraint "stack_probe_workflow_id_unique" unique ("workflow_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stack_probe" cascade;`);
  }

}
