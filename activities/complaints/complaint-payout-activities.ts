import { ApplicationFailure } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/postgresql';
import { Complaint } from '../../db/entities/complaint.entity';
import { ComplaintMessage } from '../../db/entities/complaint-message.entity';
import { workflowIdOfActivity } from '../shared/idempotency';
import { PaymentRequestRejected, type PaymentProvider } from '../shared/providers/payment-provider';

export interface ComplaintPayoutDeps {
  orm: MikroORM;
  payments: PaymentProvider;
}

/**
 * Money the platform pays the consumer for a complaint (T/QGCML 3125 §4.8 advance
 * compensation, or a compensation the party agreed to). One idempotency key per complaint
 * (`complaint:<id>:advance-compensation`), reused on every retry: the provider pays once.
 */
export function createComplaintPayoutActivities({ orm, payments }: ComplaintPayoutDeps) {
  return {
    async payComplaintCompensation(input: { complaintId: string }): Promise<{ payoutId: string }> {
      const em = orm.em.fork();
      const complaint = await em.findOneOrFail(Complaint, { id: input.complaintId });
      const compensation = complaint.compensation;
      if (!compensation)
        throw ApplicationFailure.nonRetryable(`complaint ${complaint.id} has no compensation to pay`, 'NoCompensation');
      if (compensation.payoutId) return { payoutId: compensation.payoutId };

      const step = compensation.kind === 'advance' ? 'advance-compensation' : 'compensation';
      const idempotencyKey = `${workflowIdOfActivity()}:${step}`;
      let payoutId: string;
      try {
        const payout = await payments.payout({
          amount: { value: compensation.amount, currency: compensation.currency },
          // The provider's opaque account reference for the consumer: an id, never a name.
          beneficiary: `account:${complaint.consumerId}`,
          reference: `complaint:${complaint.id}`,
          idempotencyKey,
        });
        payoutId = payout.payoutId;
      } catch (error) {
        // A refusal for good becomes a staff task in the workflow; anything else is retried.
        if (error instanceof PaymentRequestRejected)
          throw ApplicationFailure.nonRetryable(error.message, 'PaymentRequestRejected');
        throw error;
      }
      await em.transactional(async (tx) => {
        const locked = await tx.findOneOrFail(
          Complaint,
          { id: complaint.id },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (!locked.compensation || locked.compensation.payoutId) return;
        locked.compensation = { ...locked.compensation, status: 'paid', payoutId, paidAt: new Date().toISOString() };
        tx.persist(
          new ComplaintMessage({
            complaintId: locked.id,
            kind: 'event',
            authorRole: 'system',
            authorId: 'complaintEscalation',
            body: 'compensation paid',
            key: `${idempotencyKey}:paid`,
          }),
        );
      });
      return { payoutId };
    },

    /** The provider refused the payout for good: a visible task for staff, never only a log line. */
    async openComplaintStaffTask(input: { complaintId: string; detail: string }): Promise<void> {
      await orm.em.fork().transactional(async (em) => {
        const complaint = await em.findOneOrFail(
          Complaint,
          { id: input.complaintId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (complaint.staffTask) return;
        complaint.staffTask = {
          kind: 'compensation_refused',
          detail: input.detail,
          openedAt: new Date().toISOString(),
        };
        if (complaint.compensation) complaint.compensation = { ...complaint.compensation, status: 'refused' };
      });
    },
  };
}
