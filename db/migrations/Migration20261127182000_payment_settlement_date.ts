import { Migration } from '@mikro-orm/migrations';

// The consumer's payment record (§7.1.2) shows when the provider took each refund and the
// day it settled: from the provider's answer, or confirmed by the daily reconciliation.
export class Migration20261127182000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "payment" add column "requested_at" timestamptz null, add column "settlement_date" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "payment" drop column if exists "settlement_date", drop column if exists "requested_at";`);
  }

}
