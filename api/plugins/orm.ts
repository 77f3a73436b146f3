import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { decorateWithDependency, type AppDependencyOptions } from './app-dependency';

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
  }
  interface FastifyRequest {
    /** This request's own unit of work (docs/architecture.md "API"). */
    em: EntityManager;
  }
}

export interface OrmPluginOptions extends AppDependencyOptions {
  orm: MikroORM;
}

async function ormPlugin(app: FastifyInstance, options: OrmPluginOptions): Promise<void> {
  decorateWithDependency(app, 'orm', options.orm, () => options.orm.close(), options);
  app.decorateRequest('em', null as unknown as EntityManager);
  app.addHook('onRequest', async (request) => {
    request.em = options.orm.em.fork();
  });
}

export default fp(ormPlugin, { name: 'orm' });
