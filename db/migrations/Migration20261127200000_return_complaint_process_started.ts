import { Migration } from '@mikro-orm/migrations';

/**
 * Returns and complaints record when their process first ran, so the unstarted-process
 * sweep finds those an API instance committed and died before starting (issue 14's kill -9
 * of an API, as Migration20261127195000 did for orders). Records made before this column
 * existed had their process started with them (a return before its commit, a complaint taken
 * back when its start failed): they count as started.
 */
export class Migration20261127200000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['return_request', 'complaint']) {
      this.addSql(`alter table "${table}" add column "process_started_at" timestamptz null;`);
      this.addSql(`update "${table}" set "process_started_at" = "created_at";`);
      this.addSql(
        `create index "${table}_process_started_at_created_at_index" on "${table}" ("process_started_at", "created_at");`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of ['return_request', 'complaint']) {
      this.addSql(`drop index "${table}_process_started_at_created_at_index";`);
      this.addSql(`alter table "${table}" drop column "process_started_at";`);
    }
  }
}
