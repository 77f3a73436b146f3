import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../domain/principal';
import { auditChainState, backupRows, drillRows } from '../reports/ops-report';
import { periodOf } from '../reports/routes';
import { slaTrend } from '../reports/sla-trend';
import { listWorkQueues } from '../reports/work-queues';
import { consolePages, renderConsolePage, type ConsolePath } from './layout';
import { opsBody, queuesBody, scorecardsBody } from './pages';
import type { ConsoleSessions } from './session';

const DAY_MS = 86_400_000;
// The console checks its own session cookie (below); to the bearer-token auth plugin its
// routes are public, and an API token gives no access to them.
const consoleRoute = { access: 'public' as const };
const html = { 200: z.string(), 303: z.null(), 403: z.string() };

/** The console's pages (T/QGCML 3125 §4.3, §8.2.3, §8.4, §8.7): signed-in staff, ops and auditors only. */
export function consolePageRoutes(sessions: ConsoleSessions): FastifyPluginAsyncZod {
  return async (app) => {
    const temporalLink = (workflowId: string) =>
      `${app.config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(app.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;

    /** The signed-in user allowed on `path`; otherwise the reply is sent (login or 403). */
    async function signedIn(request: FastifyRequest, reply: FastifyReply, path: ConsolePath) {
      const principal = await sessions.principalOf(request);
      if (!principal) {
        await reply.redirect(`/console/login?next=${encodeURIComponent(request.url)}`, 303);
        return undefined;
      }
      const page = consolePages.find((p) => p.href === path);
      if (!page || !(page.roles as readonly string[]).includes(principal.role)) {
        await reply.code(403).type('text/html; charset=utf-8').send(forbidden(principal));
        return undefined;
      }
      return principal;
    }
    const forbidden = (principal: Principal) =>
      renderConsolePage({
        title: 'Not for your role',
        path: '/console/ops',
        principal,
        body: `    <div class="card"><p>Your role (${principal.role}) does not see this page.</p></div>`,
      });
    const page = (reply: FastifyReply, body: Parameters<typeof renderConsolePage>[0]) =>
      reply.type('text/html; charset=utf-8').send(renderConsolePage(body));

    app.get('/console', { schema: { hide: true }, config: consoleRoute }, async (request, reply) => {
      const principal = await sessions.principalOf(request);
      const first = consolePages.find((p) => principal && (p.roles as readonly string[]).includes(principal.role));
      return reply.redirect(first?.href ?? '/console/login', 303);
    });

    app.get(
      '/console/scorecards',
      {
        schema: {
          hide: true,
          querystring: z.object({
            from: z.iso.datetime({ offset: true }).optional(),
            to: z.iso.datetime({ offset: true }).optional(),
            bucket: z.enum(['day', 'week']).default('day'),
            party: z.enum(['platform', 'merchant', 'carrier']).default('platform'),
            partyId: z.string().max(64).optional(),
          }),
          response: html,
        },
        config: consoleRoute,
      },
      async (request, reply) => {
        const principal = await signedIn(request, reply, '/console/scorecards');
        if (!principal) return reply;
        const { bucket, party } = request.query;
        const partyId = request.query.partyId || undefined;
        const to = request.query.to ? new Date(request.query.to) : new Date();
        const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 14 * DAY_MS);
        const period = periodOf({ from: from.toISOString(), to: to.toISOString() });
        const trend = await slaTrend(request.em, { ...period, bucket, party, ...(partyId ? { partyId } : {}) });
        const query = { from: from.toISOString(), to: to.toISOString(), bucket, party, partyId: partyId ?? '' };
        return page(reply, {
          title: `SLA scorecard: ${party}${partyId ? ` ${partyId}` : ''}`,
          path: '/console/scorecards',
          principal,
          body: scorecardsBody({ query, trend, link: temporalLink }),
          data: { kind: 'scorecard', points: trend.points, obligations: trend.obligations, temporal: temporalLink('') },
        });
      },
    );

    app.get(
      '/console/queues',
      { schema: { hide: true, response: html }, config: consoleRoute },
      async (request, reply) => {
        const principal = await signedIn(request, reply, '/console/queues');
        if (!principal) return reply;
        const queues = await listWorkQueues(request.em, new Date());
        return page(reply, {
          title: 'Work queues, most urgent first',
          path: '/console/queues',
          principal,
          body: queuesBody({ queues, link: temporalLink }),
          data: {
            kind: 'queues',
            queues: queues.map((q) => ({
              id: q.id,
              label: q.label,
              left: q.items.map((i) => i.secondsLeft),
              ...(q.ageing ? { ageing: q.ageing } : {}),
            })),
          },
        });
      },
    );

    app.get(
      '/console/ops',
      {
        schema: {
          hide: true,
          querystring: z.object({
            from: z.iso.datetime({ offset: true }).optional(),
            to: z.iso.datetime({ offset: true }).optional(),
          }),
          response: html,
        },
        config: consoleRoute,
      },
      async (request, reply) => {
        const principal = await signedIn(request, reply, '/console/ops');
        if (!principal) return reply;
        const period = periodOf(request.query, 90);
        const [backups, drills, chain] = [
          await backupRows(request.em, period),
          await drillRows(request.em, period),
          await auditChainState(request.em),
        ];
        const query = new URLSearchParams({ from: period.from.toISOString(), to: period.to.toISOString() }).toString();
        return page(reply, {
          title: 'Backups, recovery drills and the audit chain',
          path: '/console/ops',
          principal,
          body: opsBody({ backups, drills, chain, link: temporalLink, query }),
          data: { kind: 'ops', backups, drills },
        });
      },
    );
  };
}
