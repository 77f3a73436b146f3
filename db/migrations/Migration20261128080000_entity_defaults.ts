import { Migration } from '@mikro-orm/migrations';

/**
 * The database default of each status (and of a claim's running totals) is the value a new
 * record starts with in its entity, so the entities and the migrations describe one schema
 * and the entity-schema test has no known differences left to list.
 */
export class Migration20261128080000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "complaint" alter column "status" set default 'awaiting_response';`);
    this.addSql(
      `alter table "recovery_claim" alter column "status" set default 'open', alter column "recovered" set default 0, alter column "written_off" set default 0;`,
    );
    this.addSql(`alter table "return_request" alter column "status" set default 'requested';`);
    this.addSql(`alter table "staff_task" alter column "status" set default 'open';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "complaint" alter column "status" drop default;`);
    this.addSql(
      `alter table "recovery_claim" alter column "status" drop default, alter column "recovered" drop default, alter column "written_off" drop default;`,
    );
    this.addSql(`alter table "return_request" alter column "status" drop default;`);
    this.addSql(`alter table "staff_task" alter column "status" drop default;`);
  }
}
