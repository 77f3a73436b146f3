import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { decorateWithDependency, type AppDependencyOptions } from './app-dependency';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: Client;
  }
}

export interface TemporalPluginOptions extends AppDependencyOptions {
  client: Client;
}

async function temporalPlugin(app: FastifyInstance, options: TemporalPluginOptions): Promise<void> {
  decorateWithDependency(app, 'temporal', options.client, () => options.client.connection.close(), options);
}

export default fp(temporalPlugin, { name: 'temporal' });
