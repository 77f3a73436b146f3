import { createReadStream } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { repoRoot } from '../../config/paths';
import { consoleLoginRoutes } from './login-routes';
import { consolePageRoutes } from './routes';
import { consoleSessions } from './session';

/**
 * The console (/console) for staff, ops and auditors: its own login and session cookie,
 * form parsing for the login only within this plugin, the pages, and their two scripts
 * served from disk (Chart.js's UMD build from node_modules, no CDN; the console's own
 * script) — same-origin files, as the CSP allows no inline script.
 */
const consolePlugin: FastifyPluginAsyncZod = async (app) => {
  await app.register(cookie);
  await app.register(formBody);
  const sessions = consoleSessions(app.config);

  const assets = {
    'chart.umd.min.js': path.join(repoRoot, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'),
    'console.js': path.join(__dirname, 'assets', 'console.js'),
  } as const;
  for (const [name, file] of Object.entries(assets)) {
    app.get(`/console/assets/${name}`, { schema: { hide: true }, config: { access: 'public' } }, (_request, reply) =>
      reply
        .type('application/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(createReadStream(file)),
    );
  }

  await app.register(consoleLoginRoutes(sessions));
  await app.register(consolePageRoutes(sessions));
};

export default consolePlugin;
