import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type {
  RecoveryClaimSnapshot,
  createRecoveryClaimActivities,
} from '../../activities/complaints/recovery-claim-activities';
import type { createComplaintMailActivities, RecoveryMailInput } from '../../activities/complaints/complaint-mail';
import { outstanding } from '../../domain/complaints';
import { QUICK_LOCAL_ACTIVITY } from '../shared/activity-options';
import { msUntil } from '../shared/time';
import { labelActivities, showBusinessAttributes } from '../shared/visibility';
import {
  recoveryClaimUpdates,
  RECOVERY_DECISION_REFUSED,
  recoveryClaimStateQuery,
  type RecoveryClaimInput,
  type RecoveryClaimResult,
  type RecoveryClaimState,
} from './recovery-claim.definitions';

type RecoveryActivities = ReturnType<typeof createRecoveryClaimActivities> &
  Pick<ReturnType<typeof createComplaintMailActivities>, 'sendRecoveryMail'>;

/** Database and mail: quick, retried until they work; each labelled for the Temporal UI. */
const local = labelActivities(proxyActivities<RecoveryActivities>(QUICK_LOCAL_ACTIVITY), {
  openRecoveryClaim: 'open the claim and its ledger (claimed amount, due date)',
  nextRecoveryReminderAt: 'next reminder from the commitments',
  recordRecoveryMovement: 'record a payment or write-off in the recovery ledger',
  recordRecoveryStatus: 'record the claim’s status',
  sendRecoveryMail: 'send a recovery-claim mail',
});

/**
 * Recovery claim (T/QGCML 3125 §4.8: the platform paid the consumer first and claims the
 * amount back from the party at fault): demand notice with a due date, reminders every
 * recoveryClaimReminder until settled, payments in full or in part, disputes that staff
 * decide, write-offs with a reason; an overdue claim goes to staff. Every movement is an
 * entry of the recovery ledger. Ends when nothing is outstanding.
 */
export async function recoveryClaimWorkflow(input: RecoveryClaimInput): Promise<RecoveryClaimResult> {
  const { complaintId } = input;
  const state: RecoveryClaimState = {
    status: 'open',
    amount: input.amount,
    recovered: 0,
    writtenOff: 0,
    remindersSent: 0,
    overdue: false,
    disputed: false,
  };
  let movements = 0;
  const owed = () => outstanding({ claimed: state.amount, recovered: state.recovered, writtenOff: state.writtenOff });
  const closed = () => state.status === 'settled' || state.status === 'written_off';
  const apply = (snapshot: RecoveryClaimSnapshot) => {
    Object.assign(state, {
      claimId: snapshot.claimId,
      status: snapshot.status,
      recovered: snapshot.recovered,
      writtenOff: snapshot.writtenOff,
      dueAt: snapshot.dueAt,
    });
    // Staff filter claims by status and by due date in the Temporal UI (patched; where registered).
    showBusinessAttributes({ businessStatus: snapshot.status, dueAt: snapshot.dueAt });
  };
  const refuse = (why: string): never => {
    throw ApplicationFailure.create({
      type: RECOVERY_DECISION_REFUSED,
      message: `recovery claim for complaint ${complaintId} is ${state.status}: ${why}`,
      nonRetryable: true,
    });
  };
  const notify = async (mail: RecoveryMailInput) => {
    try {
      await local.sendRecoveryMail(mail);
    } catch (error) {
      log.warn('recovery mail not sent', { complaintId, purpose: mail.purpose, error: String(error) });
    }
  };
  const writeOff = async (by: string, note: string) => {
    movements += 1;
    const amount = owed();
    apply(
      await local.recordRecoveryMovement({
        complaintId,
        step: `written_off:${movements}`,
        kind: 'written_off',
        amount,
        by,
        note,
      }),
    );
  };
  /** Back to open (or overdue) once a dispute is decided in the platform's favour. */
  const standing = () => (state.overdue ? 'overdue' : 'open');

  setHandler(recoveryClaimStateQuery, () => state);
  setHandler(
    recoveryClaimUpdates.recordPayment,
    async ({ by, amount, method }) => {
      movements += 1;
      const step = `recovered:${movements}`;
      apply(await local.recordRecoveryMovement({ complaintId, step, kind: 'recovered', amount, by, method }));
      return state;
    },
    {
      validator: ({ amount }) => {
        if (!state.claimId || closed()) refuse('it takes no more payments');
        if (!Number.isSafeInteger(amount) || amount <= 0) refuse('amount must be a positive number of minor units');
        if (amount > owed()) refuse(`only ${owed()} is outstanding`);
      },
    },
  );
  setHandler(
    recoveryClaimUpdates.dispute,
    async ({ by, evidence }) => {
      state.disputed = true;
      apply(await local.recordRecoveryStatus({ complaintId, status: 'disputed', dispute: { evidence, by } }));
      return state;
    },
    {
      validator: (_: unknown) =>
        void ((!state.claimId || closed() || state.disputed) && refuse('it cannot be disputed now')),
    },
  );
  setHandler(
    recoveryClaimUpdates.decideDispute,
    async ({ by, decision, note }) => {
      state.disputed = false;
      apply(await local.recordRecoveryStatus({ complaintId, status: standing(), dispute: { decision, by } }));
      if (decision === 'withdrawn') await writeOff(by, `claim withdrawn after dispute: ${note}`);
      return state;
    },
    { validator: (_: unknown) => void (!state.disputed && refuse('there is no dispute to decide')) },
  );
  setHandler(
    recoveryClaimUpdates.writeOff,
    async ({ by, reason }) => {
      await writeOff(by, reason);
      return state;
    },
    { validator: (_: unknown) => void ((!state.claimId || closed()) && refuse('there is nothing left to write off')) },
  );

  apply(await local.openRecoveryClaim({ ...input }));
  await notify({ claimId: state.claimId!, purpose: 'recovery_claim_demand_party' });
  const dueAt = state.dueAt!;
  let nextReminder = await local.nextRecoveryReminderAt({
    from: input.claimedAt,
    commitmentVersion: input.commitmentVersion,
  });

  while (!closed()) {
    const wakeAt = !state.overdue && Date.parse(dueAt) < Date.parse(nextReminder) ? dueAt : nextReminder;
    const summary = wakeAt === dueAt ? 'claim due date (§4.8): overdue goes to staff' : 'next reminder to the party';
    if (await condition(closed, msUntil(wakeAt), { summary })) break;
    if (!state.overdue && Date.now() >= Date.parse(dueAt)) {
      // §4.8: a claim the party lets pass its due date goes to staff (once).
      state.overdue = true;
      if (!state.disputed) apply(await local.recordRecoveryStatus({ complaintId, status: 'overdue' }));
      await notify({ claimId: state.claimId!, purpose: 'recovery_claim_overdue_staff' });
    }
    if (Date.now() >= Date.parse(nextReminder)) {
      // Reminders pause while staff weigh a dispute.
      if (!state.disputed) {
        state.remindersSent += 1;
        await notify({
          claimId: state.claimId!,
          purpose: 'recovery_claim_reminder_party',
          reminder: state.remindersSent,
        });
      }
      nextReminder = await local.nextRecoveryReminderAt({
        from: nextReminder,
        commitmentVersion: input.commitmentVersion,
      });
    }
  }

  await notify({ claimId: state.claimId!, purpose: 'recovery_claim_closed_party' });
  await condition(allHandlersFinished);
  return { complaintId, status: state.status, recovered: state.recovered, writtenOff: state.writtenOff };
}
