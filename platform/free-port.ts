import { createServer } from 'node:net';

/** A loopback port nothing listens on right now (the OS picks it), for a server we start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
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
