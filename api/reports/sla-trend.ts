import type { EntityManager } from '@mikro-orm/postgresql';
import { InvalidInputError } from '../../domain/errors';
import type { SlaObligation, SlaParty } from '../../db/entities/sla-breach.entity';
import { SCORED_OBLIGATIONS, slaReport, type BreachLine, type RateLine } from './sla-report';

export interface TrendPoint extends RateLine {
  from: string;
  to: string;
  obligation: string;
  /** The breaches behind the point: what staff open when a rate drops. */
  breaches: Array<BreachLine & { party: SlaParty; partyId: string }>;
}

const DAY_MS = 86_400_000;
const MAX_BUCKETS = 92;

/** The merchants' and carriers' obligations the platform's card sums, before its own. */
const SUMMED_LINES = ['order_confirmation', 'handover', 'delivery', 'cod_remittance', 'complaint_response'] as const;

/**
 * The obligations on each scorecard (issue 13: confirmation, handover, delivery, COD
 * remittance, complaint response, refund). A merchant's and a carrier's card are their lines
 * of the SLA report; the platform's card sums its merchants' and carriers' lines and adds its
 * own: the first response to a complaint (§4.7) and refunds (§6.4).
 */
const OBLIGATIONS = {
  platform: [...SUMMED_LINES, ...SCORED_OBLIGATIONS.platform],
  merchant: SCORED_OBLIGATIONS.merchant,
  carrier: SCORED_OBLIGATIONS.carrier,
} as const satisfies Record<SlaParty, readonly SlaObligation[]>;

type PartyRow = Record<string, unknown> & { breaches: BreachLine[] };

/**
 * On-time rate over time per obligation, for one merchant, one carrier or the whole
 * platform (T/QGCML 3125 §4.3 business statistics, §4.7, §4.8, §6.1, §6.4, §8.7): the period cut into
 * days or weeks, each bucket the SLA report of that bucket, so a point and the report of
 * its own period always agree.
 */
export async function slaTrend(
  em: EntityManager,
  input: { from: Date; to: Date; bucket: 'day' | 'week'; party: SlaParty; partyId?: string },
): Promise<{ points: TrendPoint[]; obligations: string[] }> {
  const step = input.bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  const buckets = Math.ceil((input.to.getTime() - input.from.getTime()) / step);
  if (buckets > MAX_BUCKETS)
    throw new InvalidInputError('from', `the period holds ${buckets} ${input.bucket}s; at most ${MAX_BUCKETS}`);
  if (input.party !== 'platform' && !input.partyId)
    throw new InvalidInputError('partyId', `is required for a ${input.party} scorecard`);

  const points: TrendPoint[] = [];
  for (let start = input.from.getTime(); start < input.to.getTime(); start += step) {
    const period = { from: new Date(start), to: new Date(Math.min(start + step, input.to.getTime())) };
    const report = await slaReport(em, period);
    const rows: Array<{ party: SlaParty; row: PartyRow }> = [
      ...report.merchants.map((row) => ({ party: 'merchant' as const, row: row as PartyRow })),
      ...report.carriers.map((row) => ({ party: 'carrier' as const, row: row as PartyRow })),
      ...report.platform.map((row) => ({ party: 'platform' as const, row: row as PartyRow })),
    ].filter(({ party, row }) =>
      input.party === 'platform' ? true : party === input.party && row[`${party}Id`] === input.partyId,
    );
    for (const obligation of OBLIGATIONS[input.party]) {
      let due = 0;
      let breached = 0;
      const breaches: TrendPoint['breaches'] = [];
      for (const { party, row } of rows) {
        const rate = row[obligation] as RateLine | undefined;
        if (!rate) continue;
        // The platform's handover base is the merchants' (orders to hand over); carriers'
        // handover breaches still count against it.
        if (!(input.party === 'platform' && obligation === 'handover' && party === 'carrier')) due += rate.due;
        breached += rate.breached;
        const partyId = row[`${party}Id`] as string;
        for (const breach of row.breaches.filter((b) => b.obligation === obligation))
          breaches.push({ ...breach, party, partyId });
      }
      due = Math.max(due, breached);
      points.push({
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        obligation,
        due,
        breached,
        onTimeRate: due ? (due - breached) / due : null,
        breaches,
      });
    }
  }
  return { points, obligations: [...new Set(points.map((point) => point.obligation))] };
}
