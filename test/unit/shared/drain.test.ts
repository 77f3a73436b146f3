import { connect, type AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import drain from '../../../api/plugins/drain';

/**
 * The API closes its database pool and Temporal connection on shutdown. A client that hung
 * up left its handler running on a closed socket, and the close aborted it between the
 * order's commit and its workflow's start (issue 10: `npm run bench:orders` ending).
 */
describe('shutdown waits for running handlers before closing connections', () => {
  const events: string[] = [];
  let app: FastifyInstance;
  let releaseHandler: () => void;

  async function start(drainTimeoutMs?: number) {
    events.length = 0;
    app = Fastify({ logger: false });
    // Stands for the orm and temporal plugins: registered before drain, so closed after it.
    await app.register(
      fp(async (instance) => {
        instance.addHook('onClose', async () => void events.push('connections closed'));
      }),
    );
    await app.register(drain, { timeoutMs: drainTimeoutMs });
    app.post('/orders', async () => {
      events.push('handler started');
      await new Promise<void>((resolve) => (releaseHandler = resolve));
      events.push('handler finished');
      return { ok: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
  }

  /** Sends a request and hangs up without waiting for the answer, as a load tool does when its time is up. */
  async function requestAndHangUp() {
    const { port } = app.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
    while (!events.includes('handler started')) await new Promise((resolve) => setImmediate(resolve));
    socket.destroy();
  }

  it('closes the connections only after a hung-up client’s handler has finished', async () => {
    await start();
    await requestAndHangUp();
    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(['handler started']);
    releaseHandler();
    await closed;
    expect(events).toEqual(['handler started', 'handler finished', 'connections closed']);
  });

  it('closes anyway once the timeout passes, so a stuck handler cannot hold the process', async () => {
    await start(100);
    await requestAndHangUp();
    await app.close();
    expect(events).toEqual(['handler started', 'connections closed']);
    releaseHandler();
  });
});
