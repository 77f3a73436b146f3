import { connect, createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now (the OS picks it), for a server we start.
 *
 * The port is left reserved: a connection to it is closed from the listening side, which
 * keeps that side in TIME_WAIT for a minute, and while it lasts the OS hands the port to no
 * other `bind(0)`. Without it, a server that picks its own helper ports the same way (the
 * Temporal dev server's metrics port, for one) can be given the very port we chose for it
 * and die on start. An explicit bind to the port still succeeds (SO_REUSEADDR).
 */
export function freePort(): Promise<number> {
  return listenAndReserve(0).then((port) => {
    if (port === undefined) throw new Error('no free loopback port');
    return port;
  });
}

function isFree(port: number): Promise<boolean> {
  return listenAndReserve(port).then((bound) => bound !== undefined);
}

/** Listens on the port (0: the OS picks), reserves it as above; undefined when taken. */
function listenAndReserve(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer((accepted) => accepted.destroy());
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) return server.close(() => resolve(undefined));
      const client = connect(address.port, '127.0.0.1');
      // The listening side closes first (accepted.destroy above); the client then sees the end.
      const done = () => server.close(() => resolve(address.port));
      client.once('close', done);
      client.once('error', done);
      client.resume();
    });
  });
}

/**
 * Fails naming every port something already listens on, before a launcher starts
 * anything (a running `npm start` holds 3000 and 7233, for instance).
 */
export async function assertPortsFree(ports: Array<[what: string, port: number]>): Promise<void> {
  const taken: string[] = [];
  for (const [what, port] of ports) if (!(await isFree(port))) taken.push(`${port} (${what})`);
  if (taken.length > 0)
    throw new Error(`ports already in use: ${taken.join(', ')}; stop what holds them or move them (README)`);
}

/**
 * A loopback port P such that P + each offset is free too, for a server that derives its
 * other ports from one (the Temporal server: temporalServicePorts). Tests only.
 */
export async function freePortBlock(offsets: number[], low = 20_000, high = 40_000): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = low + Math.floor(Math.random() * (high - low));
    const results = await Promise.all(offsets.map((offset) => isFree(base + offset)));
    if (results.every(Boolean)) return base;
  }
  throw new Error(`no free block of ports for offsets ${offsets.join(',')}`);
}
