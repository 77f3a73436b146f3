import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecoveryClaim } from '../../db/entities/recovery-claim.entity';
import { ageingBucket, ageingBuckets, ageInDays, type AgeingBucket } from '../../domain/complaints';
import { jsonOrCsvResponse } from '../reports/csv';

const bucketsSchema = z.object(
  Object.fromEntries(ageingBuckets.map((b) => [b, z.number().int()])) as Record<AgeingBucket, z.ZodNumber>,
);
const lineSchema = z.object({
  party: z.enum(['merchant', 'carrier']),
  partyId: z.string(),
  currency: z.string(),
  claims: z.number().int(),
  claimed: z.number().int(),
  recovered: z.number().int(),
  writtenOff: z.number().int(),
  outstanding: z.number().int(),
  outstandingByAge: bucketsSchema.describe('outstanding amount by days since the claim was raised'),
});
type Line = z.infer<typeof lineSchema>;

/** Outstanding per party, aged 0–30, 31–60, 61–90 and over 90 days (T/QGCML 3125 §4.8, §8.7). */
export async function recoveryClaimAgeing(em: EntityManager, now: Date): Promise<Line[]> {
  const lines = new Map<string, Line>();
  for (const claim of await em.find(RecoveryClaim, {}, { orderBy: { createdAt: 'asc' } })) {
    const key = `${claim.party}:${claim.partyId()}:${claim.currency}`;
    const line =
      lines.get(key) ??
      ({
        party: claim.party,
        partyId: claim.partyId(),
        currency: claim.currency,
        claims: 0,
        claimed: 0,
        recovered: 0,
        writtenOff: 0,
        outstanding: 0,
        outstandingByAge: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 },
      } satisfies Line);
    line.claims += 1;
    line.claimed += claim.amount;
    line.recovered += claim.recovered;
    line.writtenOff += claim.writtenOff;
    line.outstanding += claim.outstanding();
    line.outstandingByAge[ageingBucket(ageInDays(claim.createdAt, now))] += claim.outstanding();
    lines.set(key, line);
  }
  return [...lines.values()];
}

function toCsv(lines: Line[]): string {
  const header = ['party', 'party_id', 'currency', 'claims', 'claimed', 'recovered', 'written_off', 'outstanding'];
  const rows = lines.map((l) =>
    [
      l.party,
      l.partyId,
      l.currency,
      l.claims,
      l.claimed,
      l.recovered,
      l.writtenOff,
      l.outstanding,
      ...ageingBuckets.map((b) => l.outstandingByAge[b]),
    ].join(','),
  );
  return (
    [
      [...header, ...ageingBuckets.map((b) => `outstanding_${b.replace('-', '_').replace('+', '_plus')}`)].join(','),
      ...rows,
    ].join('\n') + '\n'
  );
}

/** GET /reports/recovery-claims: the analysis interface for recovery (JSON, or CSV with format=csv). */
const recoveryReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/recovery-claims',
    {
      schema: {
        tags: ['recovery claims'],
        summary:
          'Claimed, recovered, written off and outstanding per party, outstanding aged 0–30/31–60/61–90/>90 days',
        querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
        response: {
          200: jsonOrCsvResponse(
            z.object({ generatedAt: z.string(), parties: z.array(lineSchema) }),
            'Outstanding claims per party with ageing buckets: JSON, or CSV with format=csv',
          ),
        },
      },
      config: { access: { roles: ['staff', 'auditor'] } },
    },
    async (request, reply) => {
      const now = new Date();
      const parties = await recoveryClaimAgeing(request.em, now);
      if (request.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(parties));
      return { generatedAt: now.toISOString(), parties };
    },
  );
};

export default recoveryReportRoutes;
