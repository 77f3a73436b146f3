import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
  }
  interface FastifyRequest {
    /** This request's own unit of work (docs/architecture.md "API"). */
    em: EntityManager;
  }
}

export interface OrmPluginOptions {
  orm: MikroORM;
  /** Close the ORM with the app (when the app owns it). */
  closeWithApp: boolean;
}

async function ormPlugin(app: FastifyInstance, options: OrmPluginOptions): Promise<void> {
  app.decorate('orm', options.orm);
  app.decorateRequest('em', null as unknown as EntityManager);
  app.addHook('onRequest', async (request) => {
    request.em = options.orm.em.fork();
  });
  if (options.closeWithApp) app.addHook('onClose', async () => options.orm.close());
}

export default fp(ormPlugin, { name: 'orm' });
