import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { linkPendingAuditEvents } from '../../db/audit-chainer';

/** How often queued audit events are linked into the chain: the most an event waits. */
const LINK_INTERVAL_MS = 250;

/**
 * Links the audit events hot paths queued (db/audit-chainer.ts) into the hash chain in
 * the background, one transaction for everything queued since the last run. Several API
 * instances may each run one: a run that finds the chain locked skips its turn.
 */
async function auditLinkerPlugin(app: FastifyInstance): Promise<void> {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running || !app.orm) return;
    running = linkPendingAuditEvents(app.orm, { wait: false })
      .catch((error: unknown) => app.log.warn({ err: error }, 'audit events not linked yet; retrying'))
      .finally(() => (running = undefined));
  }, LINK_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

export default fp(auditLinkerPlugin, { name: 'audit-linker', dependencies: ['orm'] });
