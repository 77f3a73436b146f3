import { temporal } from '@temporalio/proto';
import { TASK_QUEUES } from '../../../workflows/shared/task-queues';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { codecUiToken, hs256Signer } from '../../../api/auth/tokens';
import { bearer, samplePrincipals } from '../../helpers/tokens';

type Payload = temporal.api.common.v1.IPayload;

/** Every payload anywhere in a history event (inputs, results, failures' details). */
function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (!value || typeof value !== 'object') return found;
  if ('data' in value && 'metadata' in value) found.push(value as Payload);
  for (const child of Object.values(value)) payloadsIn(child, found);
  return found;
}

const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

// T/QGCML 3125 §7.2, §8.3.3: Temporal stores only ciphertext; staff read it through the
// codec server, nobody else can.
describe('encrypted workflow payloads and the codec server', () => {
  let stack: TestStack;
  let payloads: Payload[];
  let requestedAt: string;

  beforeAll(async () => {
    stack = await startTestStack({ workers: [TASK_QUEUES.commerce] });
    const probe = await stack.app.inject({
      method: 'POST',
      url: '/ops/stack-probes',
      headers: bearer(stack.config, 'ops'),
      payload: { taskQueues: ['commerce'] },
    });
    const [result] = probe.json().results;
    requestedAt = result.requestedAt;
    const raw = await stack.temporal.workflowService.getWorkflowExecutionHistory({
      namespace: stack.config.TEMPORAL_NAMESPACE,
      execution: { workflowId: result.workflowId },
    });
    payloads = payloadsIn(raw.history?.events);
  });
  afterAll(async () => stack?.close());

  it("keeps no plaintext of the workflow's input or result in its raw history", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(4); // workflow input and result, activity input and result
    for (const payload of payloads) {
      expect(Buffer.from(payload.metadata?.encoding ?? []).toString()).toBe('binary/encrypted');
      expect(Buffer.from(payload.data ?? []).toString('latin1')).not.toContain(requestedAt);
    }
  });

  it('lets staff decode the payloads through the codec server the Web UI calls', async () => {
    const response = await stack.app.inject({
      method: 'POST',
      url: '/codec/decode',
      headers: { ...bearer(stack.config, 'staff'), 'x-namespace': 'default' },
      payload: { payloads: payloads.map(toJson) },
    });

    expect(response.statusCode).toBe(200);
    const decoded = response.json().payloads.map((p: { data: string }) => Buffer.from(p.data, 'base64').toString());
    expect(decoded.some((text: string) => text.includes(requestedAt))).toBe(true);
  });

  it.each(['consumer', 'merchant', 'auditor'] as const)('refuses a %s token (403) and no token (401)', async (role) => {
    const body = { payloads: payloads.map(toJson) };
    const withRole = await stack.app.inject({
      method: 'POST',
      url: '/codec/decode',
      headers: bearer(stack.config, role),
      payload: body,
    });
    const anonymous = await stack.app.inject({ method: 'POST', url: '/codec/decode', payload: body });

    expect(withRole.statusCode).toBe(403);
    expect(anonymous.statusCode).toBe(401);
  });

  it("decodes for the dev Web UI through an endpoint carrying a staff codec token, and refuses any other role's token", async () => {
    const body = { payloads: payloads.map(toJson) };
    const codecSigner = hs256Signer(stack.config.AUTH_JWT_SECRET, { audience: 'codec' });
    const staffToken = codecUiToken(stack.config.AUTH_JWT_SECRET);
    const consumerToken = codecSigner.sign(samplePrincipals.consumer).token;

    const decoded = await stack.app.inject({ method: 'POST', url: `/codec/ui/${staffToken}/decode`, payload: body });
    const refused = await stack.app.inject({ method: 'POST', url: `/codec/ui/${consumerToken}/decode`, payload: body });
    const forged = await stack.app.inject({
      method: 'POST',
      url: `/codec/ui/${staffToken.slice(0, -4)}AAAA/decode`,
      payload: body,
    });

    expect(decoded.statusCode).toBe(200);
    expect(Buffer.from(decoded.json().payloads[0].data, 'base64').toString()).not.toBe('');
    expect(refused.statusCode).toBe(403);
    expect(forged.statusCode).toBe(401);
  });
});
