import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { requestReturn } from '../../../activities/returns/request-return';
import { repoRoot } from '../../../config/paths';
import { Payment } from '../../../db/entities/payment.entity';
import { RETURN_REFUND_WORKFLOW, returnWorkflowId } from '../../../workflows/returns/return-refund.definitions';
import { eventually } from '../../helpers/eventually';
import { holdAnswersOf, type HeldAnswers } from '../../helpers/held-answers';
import { useReturnsStack } from '../../helpers/returns-stack';

// T/QGCML 3125 §7.1.2 (refunds by contract, a record the consumer can verify) and the
// design's "a retry never refunds twice": a worker process is killed with SIGKILL after
// the provider refunded and before the platform recorded it; a new worker finishes the
// refund with the same key `return:<id>:refund`, and the provider's ledger shows one.
describe('returns: a worker killed between the provider’s refund and its record', () => {
  const ctx = useReturnsStack('returns_kill9');
  // A queue of this test's own: only the worker processes it starts run this return.
  const taskQueue = `kill9-${randomUUID()}`;
  const started: ChildProcess[] = [];
  let proxy: HeldAnswers;

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await proxy?.close();
  });

  /** A commerce worker in its own process (test/helpers/child-worker.ts), resolved once it polls. */
  async function startWorkerProcess(): Promise<ChildProcess> {
    const { config } = ctx.stack;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'test', 'helpers', 'child-worker.ts')],
      {
        env: {
          ...process.env,
          CHILD_WORKER_QUEUE: taskQueue,
          DATABASE_URL: config.DATABASE_URL,
          PAYMENT_SANDBOX_URL: proxy.url,
          PAYMENT_SANDBOX_API_KEY: config.PAYMENT_SANDBOX_API_KEY,
          LOGISTICS_SANDBOX_URL: config.LOGISTICS_SANDBOX_URL,
          LOGISTICS_SANDBOX_API_KEY: config.LOGISTICS_SANDBOX_API_KEY,
          SMTP_URL: config.SMTP_URL,
          // The stack's own namespace (test/helpers/temporal-namespace.ts), where its workflows run.
          TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
          TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    started.push(child);
    const errors: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => line.includes('worker ready') && resolve());
      child.once('exit', (code) =>
        reject(new Error(`worker exited (${code}) before it was ready: ${errors.join('')}`)),
      );
    });
    return child;
  }

  it('still refunds exactly once, and the return ends refunded (§7.1.2)', async () => {
    proxy = await holdAnswersOf(ctx.stack.config.PAYMENT_SANDBOX_URL, '/v1/refunds');
    const { order, tea } = await ctx.deliveredOrder();
    const made = await ctx.stack.orm.em.fork().transactional((em) =>
      requestReturn(em, {
        orderId: order.id,
        consumerId: ctx.parties.consumer.id,
        type: 'refund_only',
        reason: 'damaged',
        items: [{ productId: tea.productId, quantity: 1 }],
      }),
    );
    const returnId = made.id;
    const first = await startWorkerProcess();
    const returnProcess = await ctx.stack.temporal.workflow.start(RETURN_REFUND_WORKFLOW, {
      workflowId: returnWorkflowId(returnId),
      taskQueue,
      args: [{ returnId, orderId: order.id, merchantId: order.merchantId, requestedAt: made.createdAt.toISOString() }],
    });
    const approved = await ctx.inject('POST', `/returns/${returnId}/approve`, ctx.merchant(), {});
    expect(approved.statusCode).toBe(200);

    // The provider refunded (its ledger says so) and its answer is held: the platform has no record yet.
    await eventually(() => expect(proxy.held()).toBe(1), 20_000);
    expect(await ctx.stack.paymentSandbox.ledger(order.id)).toMatchObject({ refunds: 1, refundedAmount: 27800 });
    const refundRecords = () =>
      ctx.stack.orm.em.fork().find(Payment, { subjectType: 'order', subjectId: order.id, operation: 'refund' });
    expect(await refundRecords()).toHaveLength(0);

    const exited = new Promise((resolve) => first.once('exit', (_code, signal) => resolve(signal)));
    first.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // A new worker: the lost attempt times out and is retried with the same idempotency key.
    proxy.passThrough();
    await startWorkerProcess();
    expect(await returnProcess.result()).toEqual({ returnId, status: 'refunded', refundAmount: 27800 });

    expect(await ctx.stack.paymentSandbox.ledger(order.id)).toMatchObject({ refunds: 1, refundedAmount: 27800 });
    const records = await refundRecords();
    expect(records.map((record) => [record.amount, record.idempotencyKey])).toEqual([
      [27800, `return:${returnId}:refund`],
    ]);
    const view = (await ctx.inject('GET', `/returns/${returnId}`, ctx.consumer())).json();
    expect(view.status).toBe('refunded');
    expect(view.refund.providerTransactionId).toBe(records[0]?.providerTransactionId);
  }, 120_000);
});
