import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';

export const complaintResponseLineSchema = z.object({
  partyId: z.string(),
  due: z.number().int().describe('complaints whose response deadline fell in the period'),
  answeredInTime: z.number().int(),
  unanswered: z.number().int(),
  onTimeRate: z.number().nullable(),
  medianResponseMs: z.number().int().nullable(),
  worstResponseMs: z.number().int().nullable(),
});
type Line = z.infer<typeof complaintResponseLineSchema>;

export const complaintResponseReportSchema = z.object({
  merchants: z.array(complaintResponseLineSchema),
  carriers: z.array(complaintResponseLineSchema),
  platform: complaintResponseLineSchema.describe('the platform’s first response to the consumer (§4.7)'),
});

interface Row {
  id: string;
  due_at: Date;
  answered_at: Date | null;
  created_at: Date;
}

function lineOf(partyId: string, rows: Row[]): Line {
  const answered = rows.filter((row) => row.answered_at !== null);
  const times = answered
    .map((row) => new Date(row.answered_at as Date).getTime() - new Date(row.created_at).getTime())
    .sort((a, b) => a - b);
  const inTime = answered.filter((row) => new Date(row.answered_at as Date) <= new Date(row.due_at)).length;
  const middle = Math.floor(times.length / 2);
  const median =
    times.length === 0
      ? null
      : times.length % 2
        ? times[middle]!
        : Math.round((times[middle - 1]! + times[middle]!) / 2);
  return {
    partyId,
    due: rows.length,
    answeredInTime: inTime,
    unanswered: rows.length - answered.length,
    onTimeRate: rows.length ? inTime / rows.length : null,
    medianResponseMs: median,
    worstResponseMs: times.at(-1) ?? null,
  };
}

/**
 * Complaint response per merchant, carrier and the platform (T/QGCML 3125 §4.7 half a
 * working day, §6.1 couriers within a working day): what fell due in the period, how much
 * was answered in time, and the median and worst response times.
 */
export async function complaintResponseReport(em: EntityManager, period: { from: Date; to: Date }) {
  const connection = em.getConnection();
  const partyRows = (await connection.execute(
    `select party, case when party = 'merchant' then merchant_id::text else carrier_id::text end as id,
       party_respond_by as due_at, party_responded_at as answered_at, created_at
     from complaint where party in ('merchant', 'carrier') and party_respond_by >= ? and party_respond_by < ?`,
    [period.from, period.to],
  )) as Array<Row & { party: 'merchant' | 'carrier' }>;
  const platformRows = (await connection.execute(
    `select 'platform' as id, first_response_by as due_at, first_responded_at as answered_at, created_at
     from complaint where first_response_by >= ? and first_response_by < ?`,
    [period.from, period.to],
  )) as Row[];
  const byParty = (party: 'merchant' | 'carrier') => {
    const groups = new Map<string, Row[]>();
    for (const row of partyRows.filter((r) => r.party === party))
      groups.set(row.id, [...(groups.get(row.id) ?? []), row]);
    return [...groups].map(([id, rows]) => lineOf(id, rows));
  };
  return { merchants: byParty('merchant'), carriers: byParty('carrier'), platform: lineOf('platform', platformRows) };
}
