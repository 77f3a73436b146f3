import { Migration } from '@mikro-orm/migrations';

/** Orders record the version of the terms of sale they were placed under (T/QGCML 3125 §7.2.5). */
export class Migration20261127175000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer_order" add column "terms_version" varchar(32) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customer_order" drop column "terms_version";`);
  }
}
