import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAuditEvent } from '../../db/audit-trail';
import { authenticateStaff } from './staff-accounts';
import { renderLoginPage } from './layout';
import type { ConsoleSessions } from './session';

/** Only a console page may follow a login: never another site (no open redirect). */
const safeNext = (next: string | undefined) =>
  next && /^\/console(\/[a-z-]*)?(\?[^\s]*)?$/.test(next) ? next : '/console';

/** Sign in and out of the console; every attempt is audited (T/QGCML 3125 §8.3.1, §8.3.5). */
export function consoleLoginRoutes(sessions: ConsoleSessions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/console/login',
      {
        schema: {
          hide: true,
          querystring: z.object({ next: z.string().max(300).optional(), failed: z.literal('1').optional() }),
        },
        config: { access: 'public' },
      },
      async (request, reply) => {
        const { next, failed } = request.query;
        const error = failed ? 'E-mail or password is wrong, or the account is disabled.' : undefined;
        return reply.type('text/html; charset=utf-8').send(renderLoginPage({ next, ...(error ? { error } : {}) }));
      },
    );

    app.post(
      '/console/login',
      {
        schema: {
          hide: true,
          body: z.object({
            email: z.string().max(320),
            password: z.string().max(200),
            next: z.string().max(300).optional(),
          }),
        },
        // Password guessing is slowed per client address (the security plugin's limiter).
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const { email, password, next } = request.body;
        const user = await authenticateStaff(
          request.em.fork(),
          { email, password },
          { ip: request.ip, requestId: request.id },
        );
        // Post/redirect/get: a refused login goes back to the form, which says so (no re-post on reload).
        if (!user) return reply.redirect(`/console/login?failed=1&next=${encodeURIComponent(safeNext(next))}`, 303);
        sessions.start(reply, user);
        return reply.redirect(safeNext(next), 303);
      },
    );

    app.post('/console/logout', { schema: { hide: true }, config: { access: 'public' } }, async (request, reply) => {
      const principal = await sessions.principalOf(request);
      if (principal)
        await appendAuditEvent(request.em.fork(), {
          actor: { sub: principal.sub, role: principal.role },
          action: 'console.logout',
          entity: 'staff_user',
          entityId: principal.sub,
          outcome: 'success',
          ip: request.ip,
          requestId: request.id,
        });
      sessions.end(reply);
      return reply.redirect('/console/login', 303);
    });
  };
}
