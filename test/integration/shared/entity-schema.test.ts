import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';

/**
 * Differences between the entities and the migrations that predate this test: columns whose
 * entity default comes from a field initializer the migration never set, and CHECK
 * constraints a migration added without declaring them on the entity. They are listed so
 * that the list can only shrink: fixing one (a migration, or the entity) means deleting its
 * lines here; a new difference fails the test.
 */
const KNOWN_DIFFERENCES = [
  'alter table "staff_user" drop constraint if exists "staff_user_role_check";',
  'alter table "complaint" alter column "status" type varchar(32) using ("status"::varchar(32));',
  `alter table "complaint" alter column "status" set default 'awaiting_response';`,
  'alter table "recovery_claim" alter column "status" type varchar(16) using ("status"::varchar(16));',
  `alter table "recovery_claim" alter column "status" set default 'open';`,
  'alter table "recovery_claim" alter column "recovered" type int using ("recovered"::int);',
  'alter table "recovery_claim" alter column "recovered" set default 0;',
  'alter table "recovery_claim" alter column "written_off" type int using ("written_off"::int);',
  'alter table "recovery_claim" alter column "written_off" set default 0;',
  'alter table "recovery_ledger_entry" drop constraint recovery_ledger_entry_amount_check;',
  'alter table "return_request" alter column "status" type varchar(32) using ("status"::varchar(32));',
  `alter table "return_request" alter column "status" set default 'requested';`,
  'alter table "staff_task" alter column "status" type varchar(8) using ("status"::varchar(8));',
  `alter table "staff_task" alter column "status" set default 'open';`,
  'alter table "staff_user" alter column "role" type varchar(16) using ("role"::varchar(16));',
];

/**
 * The entities (db/entities, decorated classes) and the migrations (db/migrations) describe
 * the same schema: on a database built by the migrations alone, the schema generator finds
 * nothing to change beyond the known differences above. A column, index or constraint added
 * to one and not the other fails here, before `npm run db:migration:create` would silently
 * generate it (docs/architecture.md "Database").
 */
describe('entities and migrations agree', () => {
  let database: PrivateDatabase;

  beforeAll(async () => {
    database = await createPrivateDatabase('entity_schema');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('leaves the schema generator nothing to change on a freshly migrated database but the known differences', async () => {
    const pending = await database.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    const statements = pending
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(statements).toEqual(KNOWN_DIFFERENCES);
  });
});
