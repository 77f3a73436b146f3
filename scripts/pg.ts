/**
 * The local PostgreSQL cluster under var/: `npm run pg -- start|stop|status|psql`.
 * Not needed when DATABASE_URL points at a server of your own.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isRunning, localCluster, startCluster, stopCluster } from '../platform/postgres-cluster';
import { ensureToolchain } from '../platform/toolchain';

const command = process.argv[2] ?? 'status';
const cluster = localCluster(ensureToolchain().pgBinDir);

switch (command) {
  case 'start':
    console.log(
      startCluster(cluster) ? `started PostgreSQL on 127.0.0.1:${cluster.port}` : 'PostgreSQL is already running',
    );
    break;
  case 'stop':
    stopCluster(cluster);
    console.log('PostgreSQL stopped');
    break;
  case 'status':
    console.log(`${isRunning(cluster) ? 'running' : 'stopped'}: ${cluster.dataDir} on port ${cluster.port}`);
    break;
  case 'psql': {
    const result = spawnSync(
      path.join(cluster.pgBinDir, 'psql'),
      ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'storeops', 'storeops'],
      {
        stdio: 'inherit',
        env: { ...process.env, PGPASSWORD: 'storeops' },
      },
    );
    process.exit(result.status ?? 1);
  }
  // eslint-disable-next-line no-fallthrough
  default:
    console.error('usage: npm run pg -- start|stop|status|psql');
    process.exit(2);
}
