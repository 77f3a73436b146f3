// The bare baseline (scripts/bench-orders.ts): a minimal Fastify app doing the least an
// order needs against the same PostgreSQL and Temporal as the API: one transaction that
// inserts a row and decrements a stock counter, then a workflow start. No auth, no
// validation library, no ORM entities, no audit: what is left is the engines' own cost.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { loadConfig } from '../../config/env';
import { createOrm } from '../../db/orm';
import { poolOptions } from '../../db/pool-settings';
import { createTemporalClient } from '../../temporal/connection';
import { BARE_TASK_QUEUE, bareConfirmUpdate, type BareSagaInput } from './bare-definitions';

/** The order workflow's activities before and after the merchant's decision. */
const SAGA_SHAPE: BareSagaInput = { before: 5, after: 3 };

async function main(): Promise<void> {
  const config = loadConfig();
  const port = Number(process.env.BARE_PORT ?? 0);
  const orm = await createOrm(config.DATABASE_URL, poolOptions(config, 'api'));
  const knex = orm.em.getConnection().getKnex();
  const temporal = await createTemporalClient(config);
  const app = Fastify({ logger: false });

  /** One transaction: the order row, then the stock (as the API does), or nothing. */
  async function takeOrder(productId: string): Promise<string | undefined> {
    const id = randomUUID();
    return knex.transaction(async (trx) => {
      await trx.raw('insert into bench.bare_order (id, product_id) values (?, ?)', [id, productId]);
      const taken = await trx.raw('update bench.bare_stock set stock = stock - 1 where product_id = ? and stock >= 1', [
        productId,
      ]);
      if (taken.rowCount !== 1) throw Object.assign(new Error('out of stock'), { statusCode: 422 });
      return id;
    });
  }

  app.post<{ Body: { productId: string } }>('/bare/orders', async (request, reply) => {
    const id = await takeOrder(request.body.productId);
    await temporal.workflow.start('bareNoopWorkflow', { workflowId: `bare:${id}`, taskQueue: BARE_TASK_QUEUE });
    return reply.code(201).send({ id });
  });

  app.post<{ Body: { productId: string } }>('/bare/e2e', async (request, reply) => {
    const id = await takeOrder(request.body.productId);
    await temporal.workflow.start('bareSagaWorkflow', {
      workflowId: `bare-e2e:${id}`,
      taskQueue: BARE_TASK_QUEUE,
      args: [SAGA_SHAPE],
    });
    return reply.code(201).send({ id });
  });

  app.post<{ Params: { id: string } }>('/bare/e2e/:id/confirm', async (request) => {
    const status = await temporal.workflow.getHandle(`bare-e2e:${request.params.id}`).executeUpdate(bareConfirmUpdate);
    return { id: request.params.id, status };
  });

  const shutdown = () => {
    void app
      .close()
      .then(() => orm.close())
      .then(() => temporal.connection.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await app.listen({ port, host: '127.0.0.1' });
  console.log(`bare server listening on ${port}`);
}

main().catch((error: unknown) => {
  console.error('bare server failed:', error);
  process.exit(1);
});
