import { Migration } from '@mikro-orm/migrations';

// The audit trail is append-only in the database too (T/QGCML 3125 §8.3.5): any UPDATE,
// DELETE or TRUNCATE is refused, whoever runs it through the normal path. A superuser or
// the table owner can still disable the trigger; the hash chain is what exposes that.
const refuseChangeFunction = `create function "audit_event_refuse_change"() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege',
          hint = 'audit events are never changed or removed; append a new event instead';
end;
$$;`;

export class Migration20261124221900 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" uuid not null, "seq" bigint not null, "occurred_at" timestamptz(3) not null, "actor_sub" varchar(255) not null, "actor_role" varchar(32) not null, "action" varchar(255) not null, "entity" varchar(255) not null, "entity_id" varchar(255) not null, "outcome" varchar(16) not null, "ip" varchar(64) null, "request_id" varchar(128) null, "details" jsonb null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_seq_unique" unique ("seq");`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_prev_hash_unique" unique ("prev_hash");`);
    this.addSql(`create index "audit_event_entity_entity_id_seq_index" on "audit_event" ("entity", "entity_id", "seq");`);
    this.addSql(`create index "audit_event_actor_sub_seq_index" on "audit_event" ("actor_sub", "seq");`);
    this.addSql(`create index "audit_event_action_seq_index" on "audit_event" ("action", "seq");`);
    this.addSql(`create index "audit_event_occurred_at_index" on "audit_event" ("occurred_at");`);
    this.addSql(refuseChangeFunction);
    this.addSql(`create trigger "audit_event_append_only" before update or delete on "audit_event" for each row execute function "audit_event_refuse_change"();`);
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event" for each statement execute function "audit_event_refuse_change"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop function if exists "audit_event_refuse_change"();`);
  }

}
