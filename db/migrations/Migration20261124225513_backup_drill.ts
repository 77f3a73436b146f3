import { Migration } from '@mikro-orm/migrations';

export class Migration20261124225513 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "backup_run" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workflow_id" varchar(255) not null, "type" text check ("type" in ('full', 'diff', 'incr')) not null, "repo" smallint not null, "status" text check ("status" in ('succeeded', 'failed')) not null, "label" varchar(255) null, "started_at" timestamptz null, "stopped_at" timestamptz null, "size_bytes" bigint null, "repo_size_bytes" bigint null, "wal_start" varchar(24) null, "wal_stop" varchar(24) null, "verified" boolean null, "verify_result" text null, "error" text null, constraint "backup_run_pkey" primary key ("id"));`);
    this.addSql(`alter table "backup_run" add constraint "backup_run_workflow_id_unique" unique ("workflow_id");`);

    this.addSql(`create table "recovery_drill" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workflow_id" varchar(255) not null, "scenario" text check ("scenario" in ('general', 'severe')) not null, "started_by" varchar(128) not null, "keep_standby" boolean not null, "status" text check ("status" in ('running', 'passed', 'failed')) not null default 'running', "finished_at" timestamptz null, "failure_reason" text null, "report" jsonb null, constraint "recovery_drill_pkey" primary key ("id"));`);
    this.addSql(`alter table "recovery_drill" add constraint "recovery_drill_workflow_id_unique" unique ("workflow_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "backup_run" cascade;`);

    this.addSql(`drop table if exists "recovery_drill" cascade;`);
  }

}
