import { Migration } from '@mikro-orm/migrations';

/**
 * POST /complaints and POST /orders/:id/returns take an optional Idempotency-Key, as
 * POST /orders does: the key and a hash of the request, unique per consumer (the complaint's
 * filer, the return's consumer). Records filed without a key keep nulls, which a unique
 * constraint never compares (PostgreSQL's NULLS DISTINCT), so only keyed records are unique.
 */
export class Migration20261128050000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['return_request', 'complaint']) {
      this.addSql(
        `alter table "${table}" add column "idempotency_key" varchar(255) null, add column "request_hash" varchar(64) null;`,
      );
      this.addSql(
        `alter table "${table}" add constraint "${table}_consumer_id_idempotency_key_unique" unique ("consumer_id", "idempotency_key");`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of ['return_request', 'complaint']) {
      this.addSql(`alter table "${table}" drop constraint "${table}_consumer_id_idempotency_key_unique";`);
      this.addSql(`alter table "${table}" drop column "idempotency_key", drop column "request_hash";`);
    }
  }
}
