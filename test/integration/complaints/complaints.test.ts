import { randomUUID } from 'node:crypto';
import { SlaBreach } from '../../../db/entities/sla-breach.entity';
import { FieldCipher } from '../../../db/field-cipher';
import type { Principal } from '../../../domain/principal';
import {
  createConfirmedOrder,
  handoverSlipOf,
  createDeliveryParties,
  type DeliveryParties,
} from '../../helpers/delivery-fixtures';
import { eventually } from '../../helpers/eventually';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

const staffA: Principal = { sub: randomUUID(), role: 'staff' };
const staffB: Principal = { sub: randomUUID(), role: 'staff' };

// T/QGCML 3125 §4.7, §4.8, §6.1 through HTTP on the real stack, with the commitments set to
// seconds on 7x24 so the real deadlines pass during the test (the 5x8 arithmetic has its
// own time-skipping tests). A private database keeps the commitment change to this file.
describe('complaints on the real stack', () => {
  let database: PrivateDatabase;
  let stack: TestStack;
  let parties: DeliveryParties;
  let consumer: Principal;

  beforeAll(async () => {
    database = await createPrivateDatabase('complaints');
    stack = await startTestStack({ workers: ['commerce'], config: { DATABASE_URL: database.url } });
    const current = (await stack.app.inject({ method: 'GET', url: '/service-commitments' })).json();
    const changed = await stack.app.inject({
      method: 'PUT',
      url: '/service-commitments',
      headers: bearer(stack.config, staffA),
      payload: {
        ...current.commitments,
        calendar: '7x24',
        complaintFirstResponse: 'PT6S',
        merchantComplaintResponse: 'PT4S',
        courierComplaintResponse: 'PT4S',
        recoveryClaimDue: 'PT30S',
        recoveryClaimReminder: 'PT2S',
        reason: 'complaint test',
      },
    });
    expect(changed.statusCode).toBe(200);
    parties = await createDeliveryParties(stack.orm, FieldCipher.fromConfig(stack.config));
    consumer = { sub: parties.consumer.id, role: 'consumer' };
  });
  afterAll(async () => {
    await stack?.close();
    await database?.drop();
  });

  /** A confirmed order handed to the carrier (its slip names the carrier). */
  async function orderWithCarrier() {
    const { order } = await createConfirmedOrder(stack.orm, FieldCipher.fromConfig(stack.config), parties);
    const em = stack.orm.em.fork();
    em.persist(handoverSlipOf(order, parties));
    await em.flush();
    return order;
  }
  const call = (who: Principal, method: 'GET' | 'POST', url: string, payload?: object) =>
    stack.app.inject({ method, url, headers: bearer(stack.config, who), ...(payload ? { payload } : {}) });
  const complaintOf = async (id: string) => (await call(consumer, 'GET', `/complaints/${id}`)).json();

  it('escalates a delivery complaint the carrier ignores: carrier breach, staff mailed, staff answer; a reopened resolution goes back to staff (§4.8, §5.7, §6.1)', async () => {
    const order = await orderWithCarrier();
    const stranger: Principal = { sub: randomUUID(), role: 'consumer' };
    const notMine = await call(stranger, 'POST', '/complaints', {
      orderId: order.id,
      category: 'delivery',
      description: 'where is it?',
    });
    expect(notMine.statusCode).toBe(404);
    const invalid = await call(consumer, 'POST', '/complaints', {
      orderId: order.id,
      category: 'late',
      description: 'x',
    });
    expect(invalid.statusCode).toBe(400);

    const filed = await call(consumer, 'POST', '/complaints', {
      orderId: order.id,
      category: 'delivery',
      description: 'The parcel never arrived',
      desiredRemedy: 'compensation',
    });
    expect(filed.statusCode).toBe(201);
    const complaint = filed.json();
    expect(complaint).toMatchObject({
      status: 'awaiting_response',
      responsibleParty: { kind: 'carrier', id: parties.carrier.id },
    });
    expect(Date.parse(complaint.deadlines.partyResponse) - Date.parse(complaint.createdAt)).toBe(4_000);
    expect(Date.parse(complaint.deadlines.firstResponse) - Date.parse(complaint.createdAt)).toBe(6_000);

    await eventually(async () => expect((await complaintOf(complaint.id)).status).toBe('escalated'), 30_000);
    // Staff find it in the Temporal UI as escalated, by its id, and read who had to answer by when (§8.7).
    await eventually(async () => {
      const found = [];
      for await (const run of stack.temporal.workflow.list({
        query: `ComplaintId="${complaint.id}" AND CarrierId="${parties.carrier.id}" AND BusinessStatus="escalated"`,
      }))
        found.push(run.workflowId);
      expect(found).toEqual([`complaint:${complaint.id}`]);
    });
    const described = await stack.temporal.workflow.getHandle(`complaint:${complaint.id}`).describe();
    expect(await described.staticSummary()).toBe(
      `Complaint ${complaint.id} (delivery) about order ${order.id}: the carrier answers by ${complaint.deadlines.partyResponse}`,
    );
    expect(await described.staticDetails()).not.toContain('The parcel never arrived');
    // The carrier heard of it at its contract address, and was warned before its deadline.
    const toCarrier = stack.smtp.received.filter((mail) => mail.envelopeTo.includes(parties.carrier.contactEmail));
    expect(toCarrier.map((mail) => mail.parsed.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('New complaint to answer'),
        expect.stringContaining('about to be overdue'),
      ]),
    );
    const breaches = await stack.orm.em
      .fork()
      .find(SlaBreach, { subjectId: complaint.id, obligation: 'complaint_response' });
    expect(breaches.map((b) => [b.party, b.partyId])).toEqual([['carrier', parties.carrier.id]]);
    await eventually(() =>
      expect(
        stack.smtp.received.filter(
          (mail) => mail.envelopeTo.includes(stack.config.STAFF_MAIL_TO) && mail.parsed.subject?.includes(complaint.id),
        ).length,
      ).toBeGreaterThan(0),
    );

    const answered = await call(staffA, 'POST', `/complaints/${complaint.id}/responses`, {
      message: 'We contacted the carrier; the parcel is being traced.',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().status).toBe('responded');
    // Up to a minute ahead, so the platform's own (later) first-response deadline falls in the period.
    const to = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    const sla = (await call(staffA, 'GET', `/reports/sla?to=${to}`)).json();
    expect(sla.complaintResponse.carriers).toContainEqual(
      expect.objectContaining({ partyId: parties.carrier.id, due: 1, answeredInTime: 0 }),
    );
    expect(sla.complaintResponse.platform).toMatchObject({ due: 1, unanswered: 0 });
    // §5.7 result tracking: a resolved complaint the consumer reopens goes back to staff.
    const resolved = await call(staffA, 'POST', `/complaints/${complaint.id}/resolve`, {
      remedy: 'explanation',
      summary: 'Parcel traced and redelivered.',
    });
    expect(resolved.json().status).toBe('resolved');
    expect((await complaintOf(complaint.id)).deadlines.reopenBy).not.toBeNull();
    const reopened = await call(consumer, 'POST', `/complaints/${complaint.id}/reopen`, { reason: 'It came broken.' });
    expect(reopened.json().status).toBe('reopened');
    await eventually(() =>
      expect(
        stack.smtp.received.some(
          (mail) =>
            mail.envelopeTo.includes(stack.config.STAFF_MAIL_TO) &&
            mail.parsed.subject?.includes(`Complaint needs staff: ${complaint.id}`),
        ),
      ).toBe(true),
    );
    expect((await call(consumer, 'POST', `/complaints/${complaint.id}/reopen`, { reason: 'again' })).statusCode).toBe(
      409,
    );
    const courierOfOther: Principal = { sub: randomUUID(), role: 'courier', carrierId: parties.otherCarrier.id };
    expect(
      (await call(courierOfOther, 'POST', `/complaints/${complaint.id}/responses`, { message: 'hi' })).statusCode,
    ).toBe(404);
  }, 60_000);

  it('pays an advance compensation once after two staff members, and recovers it from the merchant who refused (§4.8)', async () => {
    const order = await orderWithCarrier();
    const merchant: Principal = { sub: randomUUID(), role: 'merchant', merchantId: parties.merchant.id };
    const complaint = (
      await call(consumer, 'POST', '/complaints', {
        orderId: order.id,
        category: 'quality',
        description: 'The tea is mouldy',
      })
    ).json();
    expect(complaint.responsibleParty).toEqual({ kind: 'merchant', id: parties.merchant.id });
    const refusal = await call(merchant, 'POST', `/complaints/${complaint.id}/responses`, { message: 'We refuse.' });
    expect(refusal.json().status).toBe('responded');

    const requested = await call(staffA, 'POST', `/complaints/${complaint.id}/advance-compensation`, {
      amount: 60_000,
      reason: 'merchant refused a mouldy product',
    });
    expect(requested.json().compensation).toEqual({ amount: 60_000, status: 'awaiting_approval' });
    const self = await call(staffA, 'POST', `/complaints/${complaint.id}/advance-compensation/approval`);
    expect(self.statusCode).toBe(409);
    expect(self.json().detail).toContain('second, different staff member');
    // The provider pays, then its answer is lost (as when a worker dies mid-call): the
    // retries carry the same key, so the money moves once.
    await stack.paymentSandbox.setFaults({ failureRate: 1, failurePoint: 'after' });
    expect((await call(staffB, 'POST', `/complaints/${complaint.id}/advance-compensation/approval`)).statusCode).toBe(
      200,
    );
    await eventually(async () =>
      expect(await stack.paymentSandbox.ledger(`complaint:${complaint.id}`)).toMatchObject({ payouts: 1 }),
    );
    expect((await complaintOf(complaint.id)).compensation.status).toBe('paying');
    await stack.paymentSandbox.resetFaults();

    const compensated = await eventually(async () => {
      const view = await complaintOf(complaint.id);
      expect(view.status).toBe('recovery_pending');
      return view;
    }, 60_000);
    expect(compensated.compensation).toMatchObject({ status: 'paid', requestedBy: staffA.sub, approvedBy: staffB.sub });
    const ledger = await stack.paymentSandbox.ledger(`complaint:${complaint.id}`);
    expect(ledger).toMatchObject({ payouts: 1, paidOutAmount: 60_000 });

    const claim = await eventually(async () => {
      const { items } = (await call(staffA, 'GET', '/recovery-claims')).json();
      const found = items.find((item: { complaintId: string }) => item.complaintId === complaint.id);
      expect(found).toMatchObject({
        claimed: 60_000,
        outstanding: 60_000,
        party: { kind: 'merchant', id: parties.merchant.id },
      });
      return found;
    });
    const tooMuch = await call(merchant, 'POST', `/recovery-claims/${claim.id}/payments`, { amount: 70_000 });
    expect(tooMuch.statusCode).toBe(409);
    const partial = await call(merchant, 'POST', `/recovery-claims/${claim.id}/payments`, { amount: 20_000 });
    expect(partial.json()).toMatchObject({ recovered: 20_000, outstanding: 40_000 });
    await eventually(() =>
      expect(
        stack.smtp.received.some(
          (mail) =>
            mail.envelopeTo.includes(parties.merchant.contactEmail) &&
            mail.parsed.subject?.includes('Recovery claim reminder'),
        ),
      ).toBe(true),
    );
    const closed = await call(staffA, 'POST', `/recovery-claims/${claim.id}/write-off`, {
      reason: 'merchant left the platform',
    });
    expect(closed.json()).toMatchObject({
      status: 'written_off',
      recovered: 20_000,
      writtenOff: 40_000,
      outstanding: 0,
    });
    const kinds = closed.json().ledger.map((e: { kind: string; amount: number }) => [e.kind, e.amount]);
    expect(kinds).toEqual([
      ['claimed', 60_000],
      ['recovered', 20_000],
      ['written_off', 40_000],
    ]);

    const report = (await call(staffA, 'GET', '/reports/recovery-claims')).json();
    expect(report.parties).toContainEqual(
      expect.objectContaining({ party: 'merchant', partyId: parties.merchant.id, claimed: 60_000, outstanding: 0 }),
    );
    const csv = await call(staffA, 'GET', '/reports/recovery-claims?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('outstanding_0_30');

    const resolved = await call(staffA, 'POST', `/complaints/${complaint.id}/resolve`, {
      remedy: 'compensation',
      summary: 'The platform paid first and claimed from the merchant.',
    });
    expect(resolved.json().status).toBe('resolved');
  }, 120_000);
});
