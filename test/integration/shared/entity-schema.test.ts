import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';

/**
 * The entities (db/entities, decorated classes) and the migrations (db/migrations) describe
 * the same schema: on a database built by the migrations alone, the schema generator finds
 * nothing to change. A column, default, index or constraint added to one and not the other
 * fails here, before `npm run db:migration:create` would silently generate it
 * (docs/architecture.md "Database").
 */
describe('entities and migrations agree', () => {
  let database: PrivateDatabase;

  beforeAll(async () => {
    database = await createPrivateDatabase('entity_schema');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('leaves the schema generator nothing to change on a freshly migrated database', async () => {
    const pending = await database.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    const statements = pending
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(statements).toEqual([]);
  });
});
