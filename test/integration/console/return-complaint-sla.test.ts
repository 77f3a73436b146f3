import type { MikroORM } from '@mikro-orm/postgresql';
import { SlaBreach, type SlaObligation, type SlaParty } from '../../../db/entities/sla-breach.entity';
import { newParties, seedComplaint, seedReturn, type Parties } from '../../helpers/return-complaint-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

interface Point {
  from: string;
  obligation: string;
  due: number;
  breached: number;
  onTimeRate: number | null;
  breaches: Array<{ subjectId: string; workflowId: string; party: string }>;
}

// Complaint response and refund on the SLA scorecards (T/QGCML 3125 §4.7, §4.8, §6.1, §6.4)
// through GET /reports/sla and /reports/sla/trend (§4.3, §8.7). Every deadline falls in a
// period of its own (March 2031), so the platform's figures are this test's alone.
describe('complaint response and refund on the SLA scorecards', () => {
  let stack: TestStack;
  const parties: Parties = newParties();
  const at = (day: number, hour: number) => new Date(Date.UTC(2031, 2, day, hour));
  const period = { from: at(2, 0).toISOString(), to: at(4, 0).toISOString() };
  const ids: Record<string, string> = {};

  /** A breach as the process records it: charged at the deadline it missed. */
  async function breach(
    orm: MikroORM,
    party: SlaParty,
    partyId: string,
    obligation: SlaObligation,
    subject: { id: string; dueAt: Date },
  ) {
    const em = orm.em.fork();
    em.persist(
      new SlaBreach({
        party,
        partyId,
        obligation,
        subjectId: subject.id,
        dueAt: subject.dueAt,
        detectedAt: subject.dueAt,
      }),
    );
    await em.flush();
  }

  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
    // The merchant answered one complaint in time and missed one; the platform missed one
    // first response of three; the carrier answered its one; one refund of two was late.
    const missed = await seedComplaint(stack.orm, parties, {
      party: 'merchant',
      status: 'escalated',
      partyRespondBy: at(2, 2),
      firstResponseBy: at(2, 1),
    });
    const answered = await seedComplaint(stack.orm, parties, {
      party: 'merchant',
      status: 'responded',
      partyRespondBy: at(2, 5),
      firstResponseBy: at(2, 3),
    });
    await seedComplaint(stack.orm, parties, {
      party: 'carrier',
      status: 'responded',
      partyRespondBy: at(3, 4),
      firstResponseBy: at(3, 2),
    });
    const lateRefund = await seedReturn(stack.orm, parties, { status: 'refunded', refundBy: at(3, 6) });
    await seedReturn(stack.orm, parties, { status: 'refunded', refundBy: at(3, 7) });
    await breach(stack.orm, 'merchant', parties.merchantId, 'complaint_response', {
      id: missed.id,
      dueAt: missed.partyRespondBy!,
    });
    await breach(stack.orm, 'platform', 'platform', 'complaint_first_response', {
      id: answered.id,
      dueAt: answered.firstResponseBy,
    });
    await breach(stack.orm, 'platform', 'platform', 'refund', { id: lateRefund.id, dueAt: lateRefund.refundBy! });
    Object.assign(ids, { missed: missed.id, answered: answered.id, lateRefund: lateRefund.id });
  });
  afterAll(async () => stack?.close());

  const get = async (url: string) => {
    const response = await stack.app.inject({ method: 'GET', url, headers: bearer(stack.config, 'staff') });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('GET /reports/sla rates complaint response per merchant and carrier, and the platform’s own obligations', async () => {
    const report = await get(`/reports/sla?${new URLSearchParams(period)}`);
    const merchant = report.merchants.find((line: { merchantId: string }) => line.merchantId === parties.merchantId);
    expect(merchant.complaint_response).toEqual({ due: 2, breached: 1, onTimeRate: 0.5 });
    expect(merchant.breaches).toEqual([
      expect.objectContaining({ obligation: 'complaint_response', workflowId: `complaint:${ids.missed}` }),
    ]);
    const carrier = report.carriers.find((line: { carrierId: string }) => line.carrierId === parties.carrierId);
    expect(carrier.complaint_response).toEqual({ due: 1, breached: 0, onTimeRate: 1 });
    const [platform] = report.platform;
    expect(platform.complaint_first_response).toEqual({ due: 3, breached: 1, onTimeRate: 2 / 3 });
    expect(platform.refund).toEqual({ due: 2, breached: 1, onTimeRate: 0.5 });
    expect(platform.breaches.map((b: { workflowId: string }) => b.workflowId).sort()).toEqual(
      [`complaint:${ids.answered}`, `return:${ids.lateRefund}`].sort(),
    );
  });

  it('the platform’s trend has a point per day for complaint response and refund, with the breaches behind it', async () => {
    const trend = await get(`/reports/sla/trend?${new URLSearchParams({ ...period, bucket: 'day' })}`);
    // The merchants' and carriers' obligations the card sums, then the platform's own (§4.7, §6.4).
    const summed = ['order_confirmation', 'handover', 'delivery', 'cod_remittance', 'complaint_response'];
    expect(trend.obligations).toEqual([...summed, 'complaint_first_response', 'refund']);
    const point = (day: number, obligation: string) =>
      (trend.points as Point[]).find((p) => p.from === at(day, 0).toISOString() && p.obligation === obligation)!;
    expect(point(2, 'complaint_response')).toMatchObject({ due: 2, breached: 1, onTimeRate: 0.5 });
    expect(point(2, 'complaint_response').breaches).toEqual([
      expect.objectContaining({
        party: 'merchant',
        partyId: parties.merchantId,
        workflowId: `complaint:${ids.missed}`,
      }),
    ]);
    expect(point(3, 'complaint_response')).toMatchObject({ due: 1, breached: 0, onTimeRate: 1 });
    expect(point(2, 'complaint_first_response')).toMatchObject({ due: 2, breached: 1, onTimeRate: 0.5 });
    expect(point(3, 'refund')).toMatchObject({ due: 2, breached: 1, onTimeRate: 0.5 });
    expect(point(3, 'refund').breaches[0]).toMatchObject({ party: 'platform', workflowId: `return:${ids.lateRefund}` });
  });

  it('a merchant’s and a carrier’s trend carry their own complaint response', async () => {
    const merchant = await get(
      `/reports/sla/trend?${new URLSearchParams({ ...period, party: 'merchant', partyId: parties.merchantId })}`,
    );
    expect(merchant.obligations).toContain('complaint_response');
    const carrier = await get(
      `/reports/sla/trend?${new URLSearchParams({ ...period, party: 'carrier', partyId: parties.carrierId })}`,
    );
    const onTime = (carrier.points as Point[]).filter((p) => p.obligation === 'complaint_response' && p.due > 0);
    expect(onTime.map((p) => [p.from, p.onTimeRate])).toEqual([[at(3, 0).toISOString(), 1]]);
  });
});
