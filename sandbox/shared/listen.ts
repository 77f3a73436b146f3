import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** A sandbox provider listening in this process. */
export interface RunningSandbox {
  /** Base URL, e.g. http://127.0.0.1:3101 */
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on loopback (port 0 picks a free one, for tests) and answers with the base URL
 * and a close that stops the app, then releases what the provider holds (its database
 * pool, its webhook timers): the same for every sandbox provider.
 */
export async function listenSandbox(
  app: FastifyInstance,
  options: { port: number; host?: string },
  release: { beforeClose?: () => void; afterClose: () => Promise<void> },
): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    async close() {
      release.beforeClose?.();
      await app.close();
      await release.afterClose();
    },
  };
}
