import { newParties, seedComplaint, seedRecoveryClaim, seedReturn } from '../../helpers/return-complaint-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { daysFrom, hoursFrom } from '../../helpers/time';
import { bearer } from '../../helpers/tokens';

interface Item {
  subjectId: string;
  merchantId: string | null;
  state: string;
  dueAt: string | null;
  secondsLeft: number | null;
  workflowId: string;
  resource: string;
}
interface Queue {
  id: string;
  label: string;
  ageing?: Record<string, number>;
  items: Item[];
}

// The work queues of returns, complaints, refunds and recovery claims (T/QGCML 3125 §4.7,
// §4.8, §6.4, §7.1) through GET /reports/work-queues (§8.7), as staff read them.
describe('work queues of returns, complaints, refunds and recovery claims', () => {
  let stack: TestStack;
  const parties = newParties();

  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
  });
  afterAll(async () => stack?.close());

  /** One queue, only this test's merchant's items (the database is shared between test files). */
  async function queue(id: string): Promise<Queue> {
    const response = await stack.app.inject({
      method: 'GET',
      url: `/reports/work-queues?queue=${id}`,
      headers: bearer(stack.config, 'staff'),
    });
    expect(response.statusCode).toBe(200);
    const [found] = response.json().queues as Queue[];
    return { ...found!, items: found!.items.filter((item) => item.merchantId === parties.merchantId) };
  }

  it('§6.4: returns awaiting a decision, most urgent first, each with its process and its record', async () => {
    const now = new Date();
    const later = await seedReturn(stack.orm, parties, { status: 'requested', approveBy: hoursFrom(now, 20) });
    const overdue = await seedReturn(stack.orm, parties, { status: 'requested', approveBy: hoursFrom(now, -2) });
    await seedReturn(stack.orm, parties, { status: 'approved', approveBy: hoursFrom(now, -5) });

    const decisions = await queue('returns-awaiting-decision');
    expect(decisions.items.map((item) => item.subjectId)).toEqual([overdue.id, later.id]);
    expect(decisions.items[0]).toMatchObject({
      state: 'requested',
      dueAt: overdue.approveBy!.toISOString(),
      workflowId: `return:${overdue.id}`,
      resource: `/returns/${overdue.id}`,
    });
    expect(decisions.items[0]!.secondsLeft).toBeLessThan(-7000);
    expect(decisions.items[1]!.secondsLeft).toBeGreaterThan(19 * 3600);
  });

  it('§6.4: goods received and not inspected carry the inspection deadline from the commitments', async () => {
    const receivedAt = hoursFrom(new Date(), -1);
    const received = await seedReturn(stack.orm, parties, { status: 'received', receivedAt });
    const [item] = (await queue('returns-awaiting-inspection')).items;
    expect(item).toMatchObject({ subjectId: received.id, workflowId: `return:${received.id}` });
    expect(Date.parse(item!.dueAt!)).toBeGreaterThan(receivedAt.getTime());
  });

  it('§4.7, §4.8: complaints awaiting a response are due by the earlier unmet deadline; escalated ones list apart', async () => {
    const now = new Date();
    const waiting = await seedComplaint(stack.orm, parties, {
      party: 'merchant',
      status: 'awaiting_response',
      partyRespondBy: hoursFrom(now, 6),
      firstResponseBy: hoursFrom(now, 3),
    });
    const escalated = await seedComplaint(stack.orm, parties, {
      party: 'carrier',
      status: 'escalated',
      partyRespondBy: hoursFrom(now, -4),
      firstResponseBy: hoursFrom(now, 2),
    });

    const awaiting = await queue('complaints-awaiting-response');
    expect(awaiting.items).toEqual([
      expect.objectContaining({
        subjectId: waiting.id,
        state: 'awaiting_response (merchant)',
        dueAt: waiting.firstResponseBy.toISOString(),
        workflowId: `complaint:${waiting.id}`,
        resource: `/complaints/${waiting.id}`,
      }),
    ]);
    const staff = await queue('complaints-escalated');
    expect(staff.items).toEqual([
      expect.objectContaining({ subjectId: escalated.id, dueAt: escalated.firstResponseBy.toISOString() }),
    ]);
  });

  it('§6.4, §7.1: pending refunds by their refund deadline, and a compensation awaiting approval after them', async () => {
    const now = new Date();
    const pending = await seedReturn(stack.orm, parties, { status: 'refund_pending', refundBy: hoursFrom(now, 30) });
    await seedReturn(stack.orm, parties, {
      status: 'refunded',
      refundBy: hoursFrom(now, 1),
      refundedAt: now,
    });
    const compensation = await seedComplaint(stack.orm, parties, {
      party: 'merchant',
      status: 'escalated',
      partyRespondBy: hoursFrom(now, -30),
      firstResponseBy: hoursFrom(now, -28),
      firstRespondedAt: hoursFrom(now, -29),
      compensation: { status: 'awaiting_approval', amount: 8000 },
    });

    const refunds = await queue('refunds-pending');
    expect(refunds.items.map((item) => [item.workflowId, item.state])).toEqual([
      [`return:${pending.id}`, 'refund_pending'],
      [`complaint:${compensation.id}`, 'compensation_awaiting_approval'],
    ]);
    expect(refunds.items[0]!.dueAt).toBe(pending.refundBy!.toISOString());
  });

  it('§4.8: overdue recovery claims with their ageing by days overdue, in JSON and CSV', async () => {
    const now = new Date();
    const daysAgo = (n: number) => daysFrom(now, -n);
    const fresh = await seedRecoveryClaim(stack.orm, parties, { status: 'overdue', dueAt: daysAgo(3) });
    const old = await seedRecoveryClaim(stack.orm, parties, { status: 'overdue', dueAt: daysAgo(45) });
    const ancient = await seedRecoveryClaim(stack.orm, parties, { status: 'disputed', dueAt: daysAgo(120) });
    await seedRecoveryClaim(stack.orm, parties, { status: 'open', dueAt: daysFrom(now, 1) });
    await seedRecoveryClaim(stack.orm, parties, { status: 'settled', dueAt: daysAgo(10) });

    const claims = await queue('recovery-claims-overdue');
    expect(claims.items.map((item) => item.workflowId)).toEqual(
      [ancient, old, fresh].map((claim) => `recovery:${claim.complaintId}`),
    );
    expect(claims.items[0]!.resource).toBe(`/complaints/${ancient.complaintId}`);
    // The ageing counts every overdue claim (other tests' too): ours add at least one per bucket used.
    expect(Object.keys(claims.ageing!)).toEqual(['0-30', '31-60', '61-90', '90+']);
    expect(claims.ageing!['0-30']).toBeGreaterThanOrEqual(1);
    expect(claims.ageing!['31-60']).toBeGreaterThanOrEqual(1);
    expect(claims.ageing!['90+']).toBeGreaterThanOrEqual(1);

    const csv = await stack.app.inject({
      method: 'GET',
      url: '/reports/work-queues?queue=recovery-claims-overdue&format=csv',
      headers: bearer(stack.config, 'auditor'),
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('queue,subjectId,merchantId,carrierId,state,dueAt,secondsLeft,workflowId,resource');
    expect(lines.find((line) => line.includes(old.complaintId))).toMatch(
      new RegExp(`^recovery-claims-overdue,${old.complaintId},${parties.merchantId},,overdue,`),
    );
  });
});
