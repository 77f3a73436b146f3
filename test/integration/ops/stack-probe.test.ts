import { StackProbe } from '../../../db/entities/stack-probe.entity';
import { TASK_QUEUES } from '../../../workflows/shared/task-queues';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

// The smoke test of the foundation: one HTTP request goes API → Temporal → worker →
// activity → Postgres, and what Postgres holds comes back in the response.
describe('stack probe: a round trip through the real stack', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workers: [TASK_QUEUES.commerce] });
  });
  afterAll(async () => stack?.close());

  /** Ops asks for a probe round trip (POST /ops/stack-probes). */
  const probe = (payload: { taskQueues: string[]; timeoutSeconds?: number }) =>
    stack.app.inject({ method: 'POST', url: '/ops/stack-probes', headers: bearer(stack.config, 'ops'), payload });

  it('runs a workflow on the commerce queue whose activity writes to Postgres, and returns the stored row', async () => {
    const response = await probe({ taskQueues: ['commerce'] });

    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.results).toHaveLength(1);
    const [result] = body.results;
    expect(result.taskQueue).toBe('commerce');
    expect(result.workflowId).toBe(`probe:${body.probeId}:commerce`);
    expect(result.workerIdentity).toMatch(/^commerce-\d+@/);

    const stored = await stack.orm.em.fork().findOneOrFail(StackProbe, { workflowId: result.workflowId });
    expect(stored.createdAt.toISOString()).toBe(result.recordedAt);
    const history = await stack.temporal.workflow.getHandle(result.workflowId).describe();
    expect(history.status.name).toBe('COMPLETED');
  });

  it('answers 503 naming the queue when no worker polls it, and writes nothing', async () => {
    const response = await probe({ taskQueues: ['ops'], timeoutSeconds: 2 });

    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toContain('task queue "ops"');
    const rows = await stack.orm.em.fork().count(StackProbe, { taskQueue: 'ops' });
    expect(rows).toBe(0);
  });

  it('lists recent probes from Postgres, newest first', async () => {
    const newest = await probe({ taskQueues: ['commerce'] });
    const response = await stack.app.inject({
      method: 'GET',
      url: '/ops/stack-probes?limit=2',
      headers: bearer(stack.config, 'ops'),
    });

    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toHaveLength(2);
    expect(items[0].workflowId).toBe(newest.json().results[0].workflowId);
    expect(Date.parse(items[0].recordedAt)).toBeGreaterThan(Date.parse(items[1].recordedAt));
  });
});
