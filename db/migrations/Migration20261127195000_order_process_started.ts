import { Migration } from '@mikro-orm/migrations';

/**
 * Orders record when their process first ran, so the unstarted-order sweep finds those an
 * API instance committed and died before starting (issue 14's kill -9 of an API). Orders
 * placed before this column existed had their process started by the API: they count as
 * started.
 */
export class Migration20261127195000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer_order" add column "process_started_at" timestamptz null;`);
    this.addSql(`update "customer_order" set "process_started_at" = "created_at";`);
    this.addSql(
      `create index "customer_order_process_started_at_created_at_index" on "customer_order" ("process_started_at", "created_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "customer_order_process_started_at_created_at_index";`);
    this.addSql(`alter table "customer_order" drop column "process_started_at";`);
  }
}
