import { Migration } from '@mikro-orm/migrations';

// A return made as a complaint's remedy (issues 11 + 12) names its complaint; unique, so a
// retried activity finds the return it already made instead of making a second.
export class Migration20261127180000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "return_request" add column "complaint_id" uuid null;`);
    this.addSql(`alter table "return_request" add constraint "return_request_complaint_id_unique" unique ("complaint_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "return_request" drop constraint if exists "return_request_complaint_id_unique";`);
    this.addSql(`alter table "return_request" drop column if exists "complaint_id";`);
  }

}
