// A complaint about a delivered order that the platform compensates in advance, over HTTP
// as test/integration/complaints does it (T/QGCML 3125 §4.8): the consumer complains
// about the quality (the merchant answers for it), the merchant refuses, one staff member
// asks for an advance compensation above the approval threshold, a second one approves,
// and the process pays it out once, then claims it back from the merchant (a recovery
// claim that waits for the merchant: the complaint stays `recovery_pending`).
import { readUntil, type ChaosParties } from './chaos-parties';
import type { Answer } from './retrying-client';
import type { ChaosOrder } from './order-scripts';

/** Above ADVANCE_COMPENSATION_APPROVAL_THRESHOLD (50,000 fen by default): two staff decide. */
export const COMPENSATION_AMOUNT = 60_000;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function complainAndCompensate(parties: ChaosParties, order: ChaosOrder): Promise<void> {
  const { api } = parties;
  const consumer = bearer(order.consumerToken);
  // The order's key with the step: a retry of a complaint whose answer was lost (the API
  // killed mid-request) answers with the complaint it filed, never a second one.
  const complaint = await api.call(
    'POST',
    '/complaints',
    { ...consumer, 'idempotency-key': `${order.idempotencyKey}:complaint` },
    { orderId: order.orderId, category: 'quality', description: 'The tea is mouldy (chaos run)' },
  );
  if (complaint.status !== 201)
    throw new Error(`filing the complaint answered ${complaint.status}: ${JSON.stringify(complaint.body)}`);
  order.complaintId = String(complaint.body.id);

  // Each a process update: a 409 is the answer to a retry whose first attempt went through.
  const decide = async (
    what: string,
    who: Record<string, string>,
    path: string,
    body?: object,
    landed?: () => Promise<Answer | undefined>,
  ) => {
    const answer = await api.call('POST', `/complaints/${order.complaintId}/${path}`, who, body, landed);
    if (answer.status !== 200 && answer.status !== 409)
      throw new Error(`${what} of complaint ${order.complaintId} answered ${answer.status}`);
  };
  // An answer is a message of the thread, and the merchant may write several: a retry first
  // reads the thread, so an answer whose reply was lost is not given twice.
  const merchant = bearer(order.merchantToken);
  const answered = async (): Promise<Answer | undefined> => {
    const view = await api.call('GET', `/complaints/${order.complaintId}`, merchant);
    const messages = (view.body.messages as Array<{ kind: string; authorRole: string }> | undefined) ?? [];
    const found = messages.some((message) => message.kind === 'response' && message.authorRole === 'merchant');
    return found ? { status: 200, body: view.body } : undefined;
  };
  await decide('the merchant’s answer', merchant, 'responses', { message: 'We refuse.' }, answered);
  await decide('asking for the compensation', parties.staff[0], 'advance-compensation', {
    amount: COMPENSATION_AMOUNT,
    reason: 'merchant refused a mouldy product',
  });
  await decide('approving the compensation', parties.staff[1], 'advance-compensation/approval');
  await readUntil(
    () => api.call('GET', `/complaints/${order.complaintId}`, consumer),
    (view) => (view.compensation as { status?: string } | null)?.status === 'paid',
    `compensation of complaint ${order.complaintId} paid`,
  );
}
