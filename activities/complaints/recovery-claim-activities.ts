import type { MikroORM } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/postgresql';
import { Complaint } from '../../db/entities/complaint.entity';
import { RecoveryClaim } from '../../db/entities/recovery-claim.entity';
import { RecoveryLedgerEntry } from '../../db/entities/recovery-ledger-entry.entity';
import { closedStatus, type RecoveryClaimStatus, type RecoveryLedgerKind } from '../../domain/complaints';
import { workflowIdOfActivity } from '../shared/idempotency';
import type { ComplaintDeadlineResolver } from './complaint-activities';
import type { RecoveryClaimInput } from '../../workflows/complaints/recovery-claim.definitions';

export interface RecoveryClaimActivityDeps {
  orm: MikroORM;
  commitments: ComplaintDeadlineResolver;
}

/** What the workflow keeps in its state after each movement. */
export interface RecoveryClaimSnapshot {
  claimId: string;
  status: RecoveryClaimStatus;
  recovered: number;
  writtenOff: number;
  dueAt: string;
}

function snapshot({ id: claimId, status, recovered, writtenOff, dueAt }: RecoveryClaim): RecoveryClaimSnapshot {
  return { claimId, status, recovered, writtenOff, dueAt: dueAt.toISOString() };
}

/** The activities of the recoveryClaim workflow (T/QGCML 3125 §4.8: pay first, then claim). */
export function createRecoveryClaimActivities({ orm, commitments }: RecoveryClaimActivityDeps) {
  async function claimOf(complaintId: string) {
    return orm.em.fork().findOneOrFail(RecoveryClaim, { complaintId });
  }

  return {
    /** The claim and its `claimed` ledger entry, once per complaint; due after recoveryClaimDue. */
    async openRecoveryClaim(input: RecoveryClaimInput): Promise<RecoveryClaimSnapshot> {
      const resolved = await commitments.resolveDeadlines({
        startedAt: input.claimedAt,
        terms: ['recoveryClaimDue'],
        version: input.commitmentVersion,
      });
      const key = `${workflowIdOfActivity()}:claimed`;
      return orm.em.fork().transactional(async (em) => {
        const existing = await em.findOne(RecoveryClaim, { complaintId: input.complaintId });
        if (existing) return snapshot(existing);
        const complaint = await em.findOneOrFail(Complaint, { id: input.complaintId });
        const claim = new RecoveryClaim({
          complaintId: input.complaintId,
          party: input.party,
          merchantId: input.party === 'merchant' ? input.partyId : null,
          carrierId: input.party === 'carrier' ? input.partyId : null,
          amount: input.amount,
          currency: complaint.currency,
          reason: input.reason,
          dueAt: new Date(resolved.deadlines.recoveryClaimDue as string),
        });
        em.persist(claim);
        em.persist(
          new RecoveryLedgerEntry({
            claimId: claim.id,
            party: claim.party,
            partyId: input.partyId,
            kind: 'claimed',
            amount: claim.amount,
            currency: claim.currency,
            by: 'platform',
            key,
          }),
        );
        return snapshot(claim);
      });
    },

    /** The next reminder, recoveryClaimReminder of service time after `from` (same commitment version). */
    async nextRecoveryReminderAt(input: { from: string; commitmentVersion: number }): Promise<string> {
      const resolved = await commitments.resolveDeadlines({
        startedAt: input.from,
        terms: ['recoveryClaimReminder'],
        version: input.commitmentVersion,
      });
      return resolved.deadlines.recoveryClaimReminder as string;
    },

    /** A payment, a settlement deduction or a write-off: one ledger entry per key, totals kept in step. */
    async recordRecoveryMovement(input: {
      complaintId: string;
      step: string;
      kind: Exclude<RecoveryLedgerKind, 'claimed'>;
      amount: number;
      by: string;
      method?: 'payment' | 'settlement_deduction';
      note?: string;
    }): Promise<RecoveryClaimSnapshot> {
      const key = `${workflowIdOfActivity()}:${input.step}`;
      return orm.em.fork().transactional(async (em) => {
        const claim = await em.findOneOrFail(
          RecoveryClaim,
          { complaintId: input.complaintId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if ((await em.count(RecoveryLedgerEntry, { key })) > 0) return snapshot(claim);
        const amount = Math.min(input.amount, claim.outstanding());
        if (amount <= 0) return snapshot(claim);
        em.persist(
          new RecoveryLedgerEntry({
            claimId: claim.id,
            party: claim.party,
            partyId: claim.partyId(),
            kind: input.kind,
            amount,
            currency: claim.currency,
            by: input.by,
            key,
            method: input.method ?? null,
            note: input.note ?? null,
          }),
        );
        if (input.kind === 'recovered') claim.recovered += amount;
        else claim.writtenOff += amount;
        const closed = closedStatus({
          claimed: claim.amount,
          recovered: claim.recovered,
          writtenOff: claim.writtenOff,
        });
        if (closed) {
          claim.status = closed;
          claim.closedAt = new Date();
        }
        return snapshot(claim);
      });
    },

    async recordRecoveryStatus(input: {
      complaintId: string;
      status: RecoveryClaimStatus;
      dispute?: { evidence: string; by: string } | { decision: 'upheld' | 'withdrawn'; by: string };
    }): Promise<RecoveryClaimSnapshot> {
      return orm.em.fork().transactional(async (em) => {
        const claim = await em.findOneOrFail(
          RecoveryClaim,
          { complaintId: input.complaintId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (claim.closedAt) return snapshot(claim);
        claim.status = input.status;
        if (input.dispute && 'evidence' in input.dispute)
          claim.dispute = { evidence: input.dispute.evidence, by: input.dispute.by, at: new Date().toISOString() };
        else if (input.dispute && claim.dispute) claim.dispute = { ...claim.dispute, decision: input.dispute.decision };
        return snapshot(claim);
      });
    },

    async recoveryClaimSnapshot(input: { complaintId: string }): Promise<RecoveryClaimSnapshot> {
      return snapshot(await claimOf(input.complaintId));
    },
  };
}
