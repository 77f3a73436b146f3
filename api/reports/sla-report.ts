import type { EntityManager } from '@mikro-orm/postgresql';
import type { SlaObligation, SlaParty } from '../../db/entities/sla-breach.entity';
import { breachWorkflowId } from './breach-workflow';

export interface RateLine {
  due: number;
  breached: number;
  /** (due − breached) / due; null when nothing was due. */
  onTimeRate: number | null;
}

export interface BreachLine {
  obligation: string;
  subjectId: string;
  dueAt: string;
  detectedAt: string;
  /** The process behind the breach, to open in the Temporal UI. */
  workflowId: string;
}

interface Period {
  from: Date;
  to: Date;
}

/**
 * What was due in the period, per party: each count is of processes whose obligation fell
 * in it (confirmation deadline; handover of an order confirmed in it / of a slip drafted
 * in it; delivery of a slip handed over in it; remittance of COD delivered in it).
 */
const DUE_SQL: Record<SlaParty, Partial<Record<SlaObligation, string>>> = {
  merchant: {
    order_confirmation: `select merchant_id::text as id, count(*)::int as n from customer_order
      where confirm_by >= ? and confirm_by < ? group by merchant_id`,
    handover: `select merchant_id::text as id, count(*)::int as n from customer_order
      where created_at >= ? and created_at < ? and status not in ('awaiting_confirmation', 'cancelled') group by merchant_id`,
    complaint_response: `select merchant_id::text as id, count(*)::int as n from complaint
      where party = 'merchant' and party_respond_by >= ? and party_respond_by < ? group by merchant_id`,
    return_approval: `select merchant_id::text as id, count(*)::int as n from return_request
      where approve_by >= ? and approve_by < ? group by merchant_id`,
    return_inspection: `select merchant_id::text as id, count(*)::int as n from return_request
      where received_at >= ? and received_at < ? group by merchant_id`,
  },
  carrier: {
    handover: `select carrier_id::text as id, count(*)::int as n from handover_slip
      where created_at >= ? and created_at < ? group by carrier_id`,
    delivery: `select carrier_id::text as id, count(*)::int as n from handover_slip
      where handed_over_at >= ? and handed_over_at < ? group by carrier_id`,
    cod_remittance: `select carrier_id::text as id, count(*)::int as n from handover_slip
      where cod_amount is not null and delivered_at >= ? and delivered_at < ? group by carrier_id`,
    complaint_response: `select carrier_id::text as id, count(*)::int as n from complaint
      where party = 'carrier' and carrier_id is not null and party_respond_by >= ? and party_respond_by < ?
      group by carrier_id`,
    return_shipment: `select carrier_id::text as id, count(*)::int as n from return_request
      where shipment_id is not null and carrier_id is not null and created_at >= ? and created_at < ? group by carrier_id`,
  },
  // §6.4: the platform itself owes the refund within the contracted time; §4.7 its own
  // first response to every complaint.
  platform: {
    complaint_first_response: `select 'platform' as id, count(*)::int as n from complaint
      where first_response_by >= ? and first_response_by < ? having count(*) > 0`,
    refund: `select 'platform' as id, count(*)::int as n from return_request
      where refund_by >= ? and refund_by < ? having count(*) > 0`,
  },
};

/** What each party's line counts; the trend's merchant and carrier cards show the same (sla-trend.ts). */
export const SCORED_OBLIGATIONS: Record<SlaParty, readonly SlaObligation[]> = {
  merchant: ['order_confirmation', 'handover', 'complaint_response', 'return_approval', 'return_inspection'],
  carrier: ['handover', 'delivery', 'cod_remittance', 'complaint_response', 'return_shipment'],
  platform: ['complaint_first_response', 'refund'],
};

/**
 * On-time rates per merchant and per carrier over a period, and the breaches behind them
 * (T/QGCML 3125 §4.3 supervision reports, §4.7, §4.8, §6.1, §6.2.2, §6.4), from sla_breach and the
 * processes' own records.
 */
export async function slaReport(em: EntityManager, period: Period) {
  const connection = em.getConnection();
  const args = [period.from, period.to];
  const breaches = (await connection.execute(
    `select party, party_id, obligation, subject_id, due_at, detected_at from sla_breach
      where due_at >= ? and due_at < ? order by due_at`,
    args,
  )) as Array<{
    party: string;
    party_id: string;
    obligation: string;
    subject_id: string;
    due_at: Date;
    detected_at: Date;
  }>;

  const build = async (party: SlaParty) => {
    const rows = new Map<string, { rates: Partial<Record<SlaObligation, RateLine>>; breaches: BreachLine[] }>();
    const entry = (id: string) => {
      if (!rows.has(id)) rows.set(id, { rates: {}, breaches: [] });
      return rows.get(id)!;
    };
    const due = new Map<string, number>();
    for (const obligation of SCORED_OBLIGATIONS[party]) {
      const sql = DUE_SQL[party][obligation];
      const counts = sql ? ((await connection.execute(sql, args)) as Array<{ id: string; n: number }>) : [];
      for (const { id, n } of counts) {
        entry(id);
        due.set(`${id}:${obligation}`, n);
      }
    }
    for (const breach of breaches.filter((row) => row.party === party)) {
      entry(breach.party_id).breaches.push({
        obligation: breach.obligation,
        subjectId: breach.subject_id,
        dueAt: new Date(breach.due_at).toISOString(),
        detectedAt: new Date(breach.detected_at).toISOString(),
        workflowId: breachWorkflowId(breach.obligation, breach.subject_id),
      });
    }
    return [...rows.entries()].map(([id, row]) => {
      for (const obligation of SCORED_OBLIGATIONS[party]) {
        const breached = row.breaches.filter((breach) => breach.obligation === obligation).length;
        // A breach is itself a due obligation, even if its process started before the period.
        const count = Math.max(due.get(`${id}:${obligation}`) ?? 0, breached);
        row.rates[obligation] = { due: count, breached, onTimeRate: count ? (count - breached) / count : null };
      }
      return { [`${party}Id`]: id, ...row.rates, breaches: row.breaches } as Record<string, unknown>;
    });
  };

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    merchants: await build('merchant'),
    carriers: await build('carrier'),
    platform: await build('platform'),
  };
}
