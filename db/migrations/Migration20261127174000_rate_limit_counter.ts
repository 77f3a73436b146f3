import { Migration } from '@mikro-orm/migrations';

export class Migration20261127174000 extends Migration {

  override async up(): Promise<void> {
    // Unlogged (by hand: the generator has no option for it): counters need no WAL (rate-limit-counter.entity.ts).
    this.addSql(`create unlogged table "rate_limit_counter" ("key" text not null, "hits" int not null, "expires_at" timestamptz not null, constraint "rate_limit_counter_pkey" primary key ("key"));`);
    this.addSql(`create index "rate_limit_counter_expires_at_index" on "rate_limit_counter" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit_counter" cascade;`);
  }

}
