import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: Client;
  }
}

export interface TemporalPluginOptions {
  client: Client;
  /** Close the connection with the app (when the app owns it). */
  closeWithApp: boolean;
}

async function temporalPlugin(app: FastifyInstance, options: TemporalPluginOptions): Promise<void> {
  app.decorate('temporal', options.client);
  if (options.closeWithApp) app.addHook('onClose', async () => options.client.connection.close());
}

export default fp(temporalPlugin, { name: 'temporal' });
