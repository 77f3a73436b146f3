import { createServer } from 'node:net';
import { freePort } from '../../../platform/free-port';

/** What a server that picks its own helper ports does (Temporal's dev server: its metrics port). */
function portTheOsPicks(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// A CI run lost its Temporal dev server at start (exit code 2): the dev server's own
// metrics port came out of bind(0) as the very port the tests had just chosen for it.
describe('freePort', () => {
  it('keeps the port it returns from every later bind(0), and lets the server it is for bind it', async () => {
    const chosen = new Set<number>();
    for (let n = 0; n < 50; n++) chosen.add(await freePort());
    expect(chosen.size).toBe(50);

    // Unreserved, Linux hands just-freed ports out again: here 27 to 31 of these draws
    // landed on a chosen port, and the 50 chosen ports were not even all different.
    const clashes: number[] = [];
    for (let draw = 0; draw < 3_000; draw++) {
      const port = await portTheOsPicks();
      if (chosen.has(port)) clashes.push(port);
    }
    expect(clashes).toEqual([]);

    const [first] = chosen;
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(first, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
