import { Migration } from '@mikro-orm/migrations';

// The statutory-holiday years staff load from the State Council's notice (issue 15). No
// year is seeded: the `chinese-days` package covers 2004-2026, and a year's arrangement is
// only ever entered from its notice (README "Service calendar").
//
// A version is never edited or removed: a process that started before a correction keeps
// counting with the version in force then.
const refuseChangeFunction = `create function "holiday_year_version_refuse_change"() returns trigger language plpgsql as $$
begin
  raise exception 'holiday_year_version is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege',
          hint = 'load a new version instead (PUT /service-calendar/years/:year)';
end;
$$;`;

export class Migration20261127170000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "holiday_year_version" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "year" int not null, "version" int not null, "arrangement" jsonb not null, "effective_from" timestamptz not null, "changed_by" varchar(255) not null, constraint "holiday_year_version_pkey" primary key ("id"), constraint holiday_year_version_version_check check (version >= 1), constraint holiday_year_version_year_check check (year >= 2004 and year <= 2100));`);
    this.addSql(`alter table "holiday_year_version" add constraint "holiday_year_version_year_version_unique" unique ("year", "version");`);
    this.addSql(refuseChangeFunction);
    this.addSql(`create trigger "holiday_year_version_append_only" before update or delete on "holiday_year_version" for each row execute function "holiday_year_version_refuse_change"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "holiday_year_version" cascade;`);
    this.addSql(`drop function if exists "holiday_year_version_refuse_change"();`);
  }

}
