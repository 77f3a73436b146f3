import { Migration } from '@mikro-orm/migrations';

// Version 1 of the published service commitments: T/QGCML 3125's figures and our defaults
// (domain/service-commitments.ts `defaultServiceCommitments`), frozen here so every database
// calls the same set "version 1" even after the defaults in code change; a later change of
// the defaults is a new version, not an edit of this file. Seeded here rather than on first
// read so a fresh database always has a commitment in force and reads never write.
export const seededServiceCommitments = {
  calendar: '5x8',
  orderConfirmation: 'PT8H',
  complaintFirstResponse: 'PT4H',
  merchantComplaintResponse: 'PT4H',
  courierComplaintResponse: 'PT8H',
  handover: 'PT16H',
  delivery: 'PT40H',
  codRemittance: 'PT40H',
  returnApproval: 'PT16H',
  refund: 'PT40H',
  recoveryClaimDue: 'PT80H',
  recoveryClaimReminder: 'PT24H',
};
// In force since the standard itself (2024-02-19), so any process has a version to keep.
export const seededEffectiveFrom = '2024-02-19T00:00:00+08:00';

// A version is never edited or removed: a running process may re-resolve its deadlines
// from the version it started with.
const refuseChangeFunction = `create function "service_commitment_version_refuse_change"() returns trigger language plpgsql as $$
begin
  raise exception 'service_commitment_version is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege',
          hint = 'publish a new version instead (PUT /service-commitments)';
end;
$$;`;

export class Migration20261124222022 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "service_commitment_version" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null, "commitments" jsonb not null, "effective_from" timestamptz not null, "changed_by" varchar(255) not null, "reason" text not null, constraint "service_commitment_version_pkey" primary key ("id"), constraint service_commitment_version_version_check check (version >= 1));`);
    this.addSql(`alter table "service_commitment_version" add constraint "service_commitment_version_version_unique" unique ("version");`);
    this.addSql(refuseChangeFunction);
    this.addSql(`create trigger "service_commitment_version_append_only" before update or delete on "service_commitment_version" for each row execute function "service_commitment_version_refuse_change"();`);
    this.addSql(
      this.getKnex().raw(
        `insert into "service_commitment_version" ("id", "created_at", "updated_at", "version", "commitments", "effective_from", "changed_by", "reason") values (gen_random_uuid(), now(), now(), 1, ?::jsonb, ?, 'system', ?);`,
        [JSON.stringify(seededServiceCommitments), seededEffectiveFrom, 'T/QGCML 3125-2024 defaults (§4.7, §4.8, §6.1, §6.2.2, §6.4)'],
      ),
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "service_commitment_version" cascade;`);
    this.addSql(`drop function if exists "service_commitment_version_refuse_change"();`);
  }

}
