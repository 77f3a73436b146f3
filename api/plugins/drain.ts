import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import fp from 'fastify-plugin';

export interface DrainOptions {
  /** How long close waits for handlers still running; then it closes anyway, and says so. */
  timeoutMs?: number;
}

/**
 * Lets every running request handler finish before the database and Temporal connections
 * close. Fastify's close waits for open sockets only: a client that hung up (a load test
 * ending, a proxy timing out) leaves its handler running on a closed socket, and closing
 * the pool under it aborted orders between their commit and their workflow's start.
 * Register after the plugins whose `onClose` closes a connection (hooks run last-first) and
 * before any route (handlers are counted from `onRoute`).
 */
async function drainPlugin(app: FastifyInstance, options: DrainOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  let running = 0;
  let idle: (() => void) | undefined;

  const finished = () => {
    running -= 1;
    if (running === 0) idle?.();
  };
  app.addHook('onRoute', (route) => {
    const handler = route.handler as (...args: Parameters<RouteHandlerMethod>) => unknown;
    // Same return as the handler's, so Fastify treats it as it would have: a promise is
    // counted until it settles; anything else (a value, the reply itself) at once.
    route.handler = function countedHandler(this: FastifyInstance, request, reply) {
      running += 1;
      let result: unknown;
      try {
        result = handler.call(this, request, reply);
      } catch (error) {
        finished();
        throw error;
      }
      if (result instanceof Promise) return result.finally(finished);
      finished();
      return result;
    };
  });

  app.addHook('onClose', async () => {
    if (running === 0) return;
    app.log.info({ running }, 'waiting for running requests before closing connections');
    const drained = new Promise<boolean>((resolve) => (idle = () => resolve(true)));
    const timedOut = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    if (!(await Promise.race([drained, timedOut])))
      app.log.warn({ running, timeoutMs }, 'closing with requests still running');
  });
}

export default fp(drainPlugin, { name: 'drain' });
